package io.patternhub.hub.access;

/**
 * Where the hub's outgoing events go. {@link SignedCallbacks} posts them as Standard-Webhooks-signed
 * HTTP callbacks; {@link #NONE} drops them. Implementations are thread-safe.
 */
@FunctionalInterface
public interface HubEventPublisher {
    /** A publisher that sends nothing, for hubs with no callback subscribers. */
    HubEventPublisher NONE = event -> { };

    /**
     * Delivers one event.
     *
     * @param event the event
     * @throws io.patternhub.core.error.ConnectionException if it could not be delivered after retries
     */
    void publish(HubEvent event);
}
