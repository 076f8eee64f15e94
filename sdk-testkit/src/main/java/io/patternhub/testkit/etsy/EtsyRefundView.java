package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * A refund on a sandbox receipt.
 *
 * @param amount the refunded amount
 * @param reason the reason, when given
 * @param createdAt when it happened
 */
public record EtsyRefundView(Money amount, Optional<String> reason, Instant createdAt) {
}
