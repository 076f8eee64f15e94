package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PolledOrderEvents} remembers between runs: the polling cursor (the latest order time seen)
 * and, for each recent order, the state last emitted, so each order state is emitted once. Immutable;
 * JSON-serializable.
 *
 * @param cursor  the time to poll from next (before the rescan window); empty before the first poll
 * @param emitted order id to the state last emitted for it
 */
public record OrderPollState(Optional<Instant> cursor, Map<String, Emitted> emitted) {

    /**
     * A state.
     *
     * @param cursor  the time to poll from next; empty before the first poll
     * @param emitted order id to the state last emitted for it
     */
    public OrderPollState {
        Objects.requireNonNull(cursor, "cursor");
        emitted = Map.copyOf(emitted);
    }

    @JsonCreator
    static OrderPollState fromJson(@JsonProperty("cursor") Instant cursor,
            @JsonProperty("emitted") Map<String, Emitted> emitted) {
        return new OrderPollState(Optional.ofNullable(cursor), emitted == null ? Map.of() : emitted);
    }

    /**
     * Nothing polled or emitted yet.
     *
     * @return the empty state
     */
    public static OrderPollState initial() {
        return new OrderPollState(Optional.empty(), Map.of());
    }

    /**
     * The state emitted for one order.
     *
     * @param fingerprint what identifies the order state (see {@link PolledOrderEvents.Builder#fingerprint})
     * @param orderTime   the order's poll time when emitted, to forget it once it is out of every rescan
     *                    (stored as {@code createdAt}, the name the first per-platform files used)
     */
    public record Emitted(String fingerprint, @JsonProperty("createdAt") Instant orderTime) {

        /**
         * An emitted state.
         *
         * @param fingerprint what identifies the order state
         * @param orderTime   the order's poll time
         */
        public Emitted {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(orderTime, "orderTime");
        }
    }
}
