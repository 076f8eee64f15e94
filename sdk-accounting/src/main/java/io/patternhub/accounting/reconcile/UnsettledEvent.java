package io.patternhub.accounting.reconcile;

import io.patternhub.core.Platform;
import java.time.Instant;

/**
 * A sale or refund that no payout given to the engine settles (yet). Per-payout journals leave it out
 * until its payout arrives; per-order journals book it anyway, against the channel's clearing account.
 *
 * @param channel the storefront
 * @param orderId the order's external id
 * @param event   {@code "sale"} or {@code "refund:<id>"}
 * @param at      when it happened
 */
public record UnsettledEvent(Platform channel, String orderId, String event, Instant at) {
}
