package io.patternhub.hub.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the hub tells the outside world (Zapier, Make, the seller's portal) through a signed
 * callback. Sent as {@code {"type": ..., "timestamp": ..., "data": {...}}}, the Standard Webhooks
 * payload shape; {@link #id()} becomes the {@code webhook-id} header, the same on every retry, so
 * receivers deduplicate on it.
 *
 * @param id        a stable id for this happening: letters, digits, {@code _}, {@code -}, {@code :}
 * @param type      the event type, e.g. {@link #ORDER_PAID}
 * @param timestamp when it happened
 * @param data      the event's content
 */
public record HubEvent(String id, String type, Instant timestamp, JsonNode data) {
    /** An order was paid and access granted. */
    public static final String ORDER_PAID = "order.paid";
    /** An order was refunded or cancelled and access revoked. */
    public static final String ORDER_REFUNDED = "order.refunded";
    /** A pattern got a new file version. */
    public static final String PATTERN_UPDATED = "pattern.updated";
    /** A buyer should be given access to a private portal or group. */
    public static final String ACCESS_GRANTED = "access.granted";
    /** A buyer's portal or group access should be removed. */
    public static final String ACCESS_REVOKED = "access.revoked";

    /** Checks the id (it is signed, so it must not contain {@code .}) and the other parts. */
    public HubEvent {
        if (id == null || !id.matches("[A-Za-z0-9_:\\-]{1,200}")) {
            throw new InvalidRequestException("HubEvent id must be 1-200 letters, digits, '_', '-' or ':', was '"
                    + id + "'", ErrorContext.empty());
        }
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("HubEvent needs a type", ErrorContext.empty());
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(data, "data");
    }
}
