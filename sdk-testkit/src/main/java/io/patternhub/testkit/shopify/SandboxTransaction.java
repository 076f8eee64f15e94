package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment transaction of a sandbox order, with the processing fee Shopify Payments charged.
 *
 * @param id the transaction GID
 * @param kind {@code SALE} or {@code REFUND}
 * @param status {@code SUCCESS}
 * @param gateway {@code shopify_payments}
 * @param amount the amount in the order currency
 * @param fee the processing fee (zero for refunds)
 * @param processedAt when it was processed
 */
public record SandboxTransaction(String id, String kind, String status, String gateway, BigDecimal amount,
        BigDecimal fee, Instant processedAt) {
    public SandboxTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(processedAt, "processedAt");
    }
}
