package io.patternhub.shopify;

import io.patternhub.core.event.StorefrontEvent;
import java.util.List;
import java.util.Objects;

/**
 * What to answer Shopify for one webhook delivery, and the events it carried.
 *
 * @param status    the HTTP status to answer: 200, or 401 when the signature is wrong (Shopify's
 *                  mandatory privacy webhooks require exactly that)
 * @param events    the events; empty for a replay, an unverified delivery or a topic without events
 * @param replay    whether the {@code X-Shopify-Webhook-Id} was seen before
 * @param rejection why the delivery was rejected, empty when accepted
 */
public record ShopifyWebhookAnswer(int status, List<StorefrontEvent> events, boolean replay, String rejection) {
    public ShopifyWebhookAnswer {
        events = List.copyOf(events);
        Objects.requireNonNull(rejection, "rejection");
    }

    /** Whether the delivery was verified. */
    public boolean accepted() {
        return status == 200;
    }
}
