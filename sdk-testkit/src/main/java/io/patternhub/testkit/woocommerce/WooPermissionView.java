package io.patternhub.testkit.woocommerce;

import java.time.Instant;
import java.util.Optional;

/**
 * One download permission (a row of WooCommerce's downloadable product permissions): a buyer may
 * download one file of one product bought in one order.
 *
 * @param downloadId         the product download's id
 * @param productId          the product
 * @param orderId            the order
 * @param customerId         the buyer's user id (0 for a guest)
 * @param downloadsRemaining the downloads left; empty for unlimited
 * @param accessExpires      when access ends; empty for never
 * @param grantedAt          when access was granted
 */
public record WooPermissionView(String downloadId, long productId, long orderId, long customerId,
        Optional<Integer> downloadsRemaining, Optional<Instant> accessExpires, Instant grantedAt) {
}
