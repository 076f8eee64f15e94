package io.patternhub.hub.access;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.webhook.StandardWebhookSigner;
import java.net.URI;
import java.util.Set;

/**
 * A subscriber of hub events: a URL (a Zapier or Make catch hook, the seller's portal) with its own
 * Standard Webhooks signing secret, optionally limited to some event types.
 *
 * @param url        where to POST
 * @param signer     signs each delivery with the endpoint's secret
 * @param eventTypes the event types it wants; all when empty
 */
public record CallbackEndpoint(URI url, StandardWebhookSigner signer, Set<String> eventTypes) {

    /** Checks the URL scheme. */
    public CallbackEndpoint {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new ConfigurationException("Callback URL must be http(s), was " + url, ErrorContext.empty());
        }
        if (signer == null) {
            throw new ConfigurationException("Callback endpoint " + url + " needs a signing secret", ErrorContext.empty());
        }
        eventTypes = Set.copyOf(eventTypes);
    }

    /**
     * An endpoint receiving every event type.
     *
     * @param url    where to POST
     * @param secret the {@code whsec_...} secret shared with the receiver
     * @return the endpoint
     */
    public static CallbackEndpoint of(String url, String secret) {
        return new CallbackEndpoint(URI.create(url), StandardWebhookSigner.create(secret), Set.of());
    }

    /**
     * Whether this endpoint subscribes to a type.
     *
     * @param type an event type
     * @return {@code true} if it wants it
     */
    public boolean wants(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }
}
