package io.patternhub.hub.access;

import java.time.Instant;
import java.util.Optional;

/**
 * A buyer's right to one pattern's files, from one order.
 *
 * @param id           the hub's entitlement id
 * @param orderId      the hub's order id
 * @param customerId   the hub's customer id, when the order named a buyer
 * @param sku          the pattern
 * @param grantedAt    when granted
 * @param revokedAt    when revoked (refund, cancellation), if it was
 * @param revokeReason why it was revoked
 */
public record Entitlement(String id, String orderId, Optional<String> customerId, String sku, Instant grantedAt,
                          Optional<Instant> revokedAt, Optional<String> revokeReason) {

    /** Whether it still gives access. */
    public boolean active() {
        return revokedAt.isEmpty();
    }
}
