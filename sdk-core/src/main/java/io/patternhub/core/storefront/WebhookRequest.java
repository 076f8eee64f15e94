package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A webhook delivery exactly as received: headers, the raw body bytes (signatures are computed over
 * them, so they must not be re-encoded) and when it arrived. Header names are case-insensitive:
 * they are stored in lower case and looked up in any case.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableWebhookRequest.class)
@JsonDeserialize(as = ImmutableWebhookRequest.class)
public interface WebhookRequest {

    /** Headers by lower-case name, each with its values in the order received. */
    Map<String, List<String>> headers();

    /** The body bytes as received. */
    byte[] body();

    Instant receivedAt();

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty if the header is absent
     */
    default Optional<String> header(String name) {
        List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Every value of a header.
     *
     * @param name the header name, in any case
     * @return the values; empty if absent
     */
    default List<String> headerValues(String name) {
        return headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The body decoded as UTF-8, for parsing after verification. */
    default String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** Lower-cases header names, merging values of names that differ only in case. */
    @Value.Check
    default WebhookRequest normalize() {
        boolean normalized = headers().keySet().stream().allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT)));
        if (normalized) {
            return this;
        }
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers().forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return ImmutableWebhookRequest.builder().from(this).headers(lower).build();
    }

    /**
     * A request with one value per header.
     *
     * @param headers    header names (any case) and values
     * @param body       the raw body bytes
     * @param receivedAt when the delivery arrived
     * @return the request
     */
    static WebhookRequest of(Map<String, String> headers, byte[] body, Instant receivedAt) {
        if (headers == null) {
            throw new InvalidModelException("WebhookRequest", "headers", "must not be null");
        }
        ImmutableWebhookRequest.Builder b = builder().body(body).receivedAt(receivedAt);
        headers.forEach((k, v) -> b.putHeader(k, List.of(v)));
        return b.build();
    }

    static ImmutableWebhookRequest.Builder builder() {
        return ImmutableWebhookRequest.builder();
    }

    default ImmutableWebhookRequest.Builder toBuilder() {
        return ImmutableWebhookRequest.builder().from(this);
    }
}
