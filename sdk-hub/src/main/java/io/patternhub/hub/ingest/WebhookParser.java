package io.patternhub.hub.ingest;

import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.storefront.WebhookRequest;
import java.util.List;

/**
 * Verifies a webhook delivery and parses it into events. {@code Storefront::parseWebhook} is one;
 * {@link io.patternhub.hub.access.GenericOrderWebhook} is another, for shops without an API.
 */
@FunctionalInterface
public interface WebhookParser {
    /**
     * Verifies and parses one delivery.
     *
     * @param request the delivery as received
     * @return its events
     * @throws io.patternhub.core.error.WebhookVerificationException if it is not authentic: answer 401
     */
    List<StorefrontEvent> parse(WebhookRequest request);
}
