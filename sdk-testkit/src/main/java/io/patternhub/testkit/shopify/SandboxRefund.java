package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A refund of a sandbox order.
 *
 * @param id the refund GID
 * @param createdAt when it was issued
 * @param amount the refunded amount in the order currency
 * @param note the merchant's note, may be empty
 */
public record SandboxRefund(String id, Instant createdAt, BigDecimal amount, String note) {
    public SandboxRefund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(amount, "amount");
        note = Objects.requireNonNullElse(note, "");
    }
}
