package io.patternhub.shopify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers {@code X-Shopify-Webhook-Id}s so a delivery Shopify sends again (it retries until it gets
 * a 2xx, and may deliver twice anyway) yields its events once. The default keeps the most recent ids
 * in memory; a hub with several instances plugs in a shared, durable one. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ShopifyWebhookDeduplicator {

    /**
     * Records a webhook id.
     *
     * @param webhookId the {@code X-Shopify-Webhook-Id}
     * @return {@code true} the first time an id is seen, {@code false} for a replay
     */
    boolean firstDelivery(String webhookId);

    /**
     * An in-memory deduplicator remembering the most recent {@code capacity} ids.
     *
     * @param capacity how many ids to remember, at least 1
     * @return the deduplicator
     */
    static ShopifyWebhookDeduplicator inMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        Map<String, Boolean> recent = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        return id -> {
            synchronized (recent) {
                return recent.put(id, Boolean.TRUE) == null;
            }
        };
    }
}
