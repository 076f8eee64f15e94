package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A refund to add to a receipt.
 *
 * @param amount the refunded amount, in the receipt's currency, positive
 * @param reason Etsy's free-text reason, or {@code null}
 * @param at when it happened; empty for the sandbox clock's now
 */
public record RefundSeed(Money amount, String reason, Optional<Instant> at) {
    public RefundSeed {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A refund amount must be positive, was " + amount);
        }
    }

    /**
     * A refund now.
     *
     * @param amount the amount
     * @param reason the reason, or {@code null}
     * @return the seed
     */
    public static RefundSeed of(Money amount, String reason) {
        return new RefundSeed(amount, reason, Optional.empty());
    }
}
