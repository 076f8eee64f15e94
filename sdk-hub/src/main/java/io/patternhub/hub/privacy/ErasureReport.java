package io.patternhub.hub.privacy;

import java.util.List;

/**
 * What an erasure did.
 *
 * @param customerIds       the customer records pseudonymized (their ids stay, with no personal data)
 * @param ordersKept        orders kept for accounting, now pointing at the pseudonymized record
 * @param inboxRowsScrubbed unprocessed or failed inbox events naming the customer, dropped
 */
public record ErasureReport(List<String> customerIds, int ordersKept, int inboxRowsScrubbed) {
}
