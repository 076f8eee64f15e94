package io.patternhub.etsy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EtsyOrderEvents} remembers between runs: the polling cursor (the latest
 * {@code last_modified} seen) and, for each recent receipt, the state last emitted, so each order
 * state is emitted once. Immutable; JSON-serializable.
 *
 * @param cursor  the {@code min_last_modified} to poll from next; empty before the first poll
 * @param emitted receipt id to the state last emitted for it
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
     * The state emitted for one receipt.
     *
     * @param fingerprint what identifies the order state (status and refunds)
     * @param createdAt   when the receipt was created, to forget it once it is out of every rescan
     */
    public record Emitted(String fingerprint, Instant createdAt) {
        public Emitted {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
