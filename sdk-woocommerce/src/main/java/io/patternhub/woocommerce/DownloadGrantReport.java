package io.patternhub.woocommerce;

import java.util.List;
import java.util.Map;

/**
 * What {@link WooCommerceStorefront#grantDownloadsToPastOrders} did.
 *
 * @param productId     the product whose files were granted
 * @param ordersFound   past paid orders of the product ({@code processing} or {@code completed})
 * @param ordersGranted orders whose grant went through
 * @param batchCalls    {@code POST /orders/batch} requests sent (two per 100 orders)
 * @param failures      order id to WooCommerce's error, for orders that failed
 */
public record DownloadGrantReport(String productId, int ordersFound, int ordersGranted, int batchCalls,
        Map<String, BatchResult.ItemError> failures) {

    public DownloadGrantReport {
        failures = Map.copyOf(failures);
    }

    /** The ids of orders that failed, for a retry. */
    public List<String> failedOrderIds() {
        return failures.keySet().stream().sorted().toList();
    }
}
