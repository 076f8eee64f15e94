package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.patternhub.core.Platform;
import io.patternhub.core.model.RawPayload;
import java.time.Instant;

/**
 * Something that happened on a storefront, from a verified webhook or from polling.
 *
 * <p>{@link #eventId()} is stable: the same happening delivered twice (a webhook retry, a poll that
 * overlaps the previous one) has the same id, so consumers deduplicate on it. Adapters use the
 * platform's delivery id where there is one (e.g. {@code X-Shopify-Webhook-Id}), else
 * {@link EventIds#of}.
 *
 * <p>JSON carries a {@code "type"} property ({@code order}, {@code listing}, {@code app_uninstalled},
 * {@code privacy}) so a list of events reads back as the right types.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OrderEvent.class, name = "order"),
        @JsonSubTypes.Type(value = ListingEvent.class, name = "listing"),
        @JsonSubTypes.Type(value = AppUninstalledEvent.class, name = "app_uninstalled"),
        @JsonSubTypes.Type(value = PrivacyEvent.class, name = "privacy")
})
public sealed interface StorefrontEvent extends RawPayload
        permits OrderEvent, ListingEvent, AppUninstalledEvent, PrivacyEvent {

    /** The deduplication key: stable across redeliveries of the same happening. */
    String eventId();

    Platform platform();

    /** When it happened on the platform (or when it was observed, for polling). */
    Instant occurredAt();
}
