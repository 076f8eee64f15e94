package io.patternhub.woocommerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WooCommerceOrderEvents} remembers between runs: the polling cursor (the latest
 * {@code date_modified_gmt} seen) and, for each recent order, the state last emitted, so each order
 * state is emitted once. Immutable; JSON-serializable.
 *
 * @param cursor  the {@code modified_after} to poll from next; empty before the first poll
 * @param emitted order id to the state last emitted for it
 */
public record OrderPollState(Optional<Instant> cursor, Map<String, Emitted> emitted) {

    public OrderPollState {
        Objects.requireNonNull(cursor, "cursor");
        emitted = Map.copyOf(emitted);
    }

    @JsonCreator
    static OrderPollState fromJson(@JsonProperty("cursor") Instant cursor,
            @JsonProperty("emitted") Map<String, Emitted> emitted) {
        return new OrderPollState(Optional.ofNullable(cursor), emitted == null ? Map.of() : emitted);
    }

    /** Nothing polled or emitted yet. */
    public static OrderPollState initial() {
        return new OrderPollState(Optional.empty(), Map.of());
    }

    /**
     * The state emitted for one order.
     *
     * @param fingerprint what identifies the order state (status and refunds)
     * @param createdAt   when the order was last modified (the name is kept from the shared JSON format), to forget it once it is out of every rescan
     */
    public record Emitted(String fingerprint, Instant createdAt) {
        public Emitted {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
