package io.patternhub.testkit.shopify;

import java.util.Objects;
import java.util.Optional;

/**
 * One webhook delivery attempt by the sandbox.
 *
 * @param webhookId the {@code X-Shopify-Webhook-Id} sent
 * @param topic the {@code X-Shopify-Topic} sent, e.g. {@code orders/paid}
 * @param url where it was POSTed
 * @param status the receiver's HTTP status, or -1 when it could not be reached
 * @param error why it could not be delivered
 */
public record SandboxWebhookDelivery(String webhookId, String topic, String url, int status, Optional<String> error) {
    public SandboxWebhookDelivery {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(error, "error");
    }

    /** Whether the receiver answered 2xx. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
