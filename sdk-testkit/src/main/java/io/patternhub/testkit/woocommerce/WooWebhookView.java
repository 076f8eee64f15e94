package io.patternhub.testkit.woocommerce;

/**
 * A webhook as the sandbox holds it.
 *
 * @param id                  the webhook id
 * @param topic               e.g. {@code order.updated}
 * @param status              {@code active}, {@code paused} or {@code disabled}
 * @param deliveryUrl         where deliveries go
 * @param consecutiveFailures non-2xx deliveries in a row (5 disables it)
 * @param deliveries          deliveries attempted
 */
public record WooWebhookView(long id, String topic, String status, String deliveryUrl, int consecutiveFailures,
        int deliveries) {
}
