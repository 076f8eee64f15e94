package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A Shopify Payments payout.
 *
 * @param id the payout GID
 * @param issuedAt when it was issued
 * @param status {@code PAID}, {@code SCHEDULED}, {@code IN_TRANSIT}...
 * @param currency the ISO 4217 code
 * @param gross charges minus refunds, before fees
 * @param fees the processing fees withheld
 * @param net what reached the bank: gross minus fees
 */
public record SandboxPayout(String id, Instant issuedAt, String status, String currency, BigDecimal gross,
        BigDecimal fees, BigDecimal net) {
    public SandboxPayout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(net, "net");
    }
}
