package io.patternhub.testkit.shopify;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook subscription created by {@code webhookSubscriptionCreate}.
 *
 * @param id the subscription GID
 * @param topic the {@code WebhookSubscriptionTopic}, e.g. {@code ORDERS_PAID}
 * @param callbackUrl where deliveries go
 * @param format {@code JSON}
 * @param createdAt when it was created
 */
public record SandboxWebhookSubscription(String id, String topic, String callbackUrl, String format,
        Instant createdAt) {
    public SandboxWebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
