package io.patternhub.testkit.woocommerce;

import java.time.Instant;

/**
 * An order as the sandbox holds it.
 *
 * @param id                   the order id
 * @param status               the WooCommerce status
 * @param customerId           the buyer (0 for a guest)
 * @param total                the order total
 * @param refunded             the sum of its refunds
 * @param refundCount          how many refunds it has
 * @param permissionsGranted   the order's {@code _download_permissions_granted} flag
 * @param modifiedAt           {@code date_modified_gmt}
 */
public record WooOrderView(long id, String status, long customerId, String total, String refunded, int refundCount,
        boolean permissionsGranted, Instant modifiedAt) {
}
