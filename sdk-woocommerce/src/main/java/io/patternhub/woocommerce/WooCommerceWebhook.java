package io.patternhub.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook registered on the shop.
 *
 * @param id          WooCommerce's id
 * @param name        its name
 * @param topic       e.g. {@code order.updated}
 * @param status      {@code active}, {@code paused} or {@code disabled} (WooCommerce disables a webhook
 *                    after 5 consecutive non-2xx deliveries)
 * @param deliveryUrl where deliveries go
 * @param raw         the webhook as WooCommerce returned it
 */
public record WooCommerceWebhook(String id, String name, String topic, String status, String deliveryUrl,
        JsonNode raw) {

    /** Whether WooCommerce stopped delivering after failures. */
    public boolean disabled() {
        return "disabled".equals(status);
    }

    static WooCommerceWebhook of(JsonNode n) {
        return new WooCommerceWebhook(n.path("id").asText(), n.path("name").asText(""), n.path("topic").asText(""),
                n.path("status").asText(""), n.path("delivery_url").asText(""), n);
    }
}
