package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.PatternHubStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Which orders {@link Storefront#orders} returns. Polling passes the last cursor or modification time
 * it saw, plus a rescan window: platforms such as Etsy do not bump the modification time for every
 * late refund or cancellation, so recent orders are fetched again and deduplicated downstream.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableOrderQuery.class)
@JsonDeserialize(as = ImmutableOrderQuery.class)
public interface OrderQuery {

    /** An opaque platform cursor from an earlier run, where the platform has cursors. */
    Optional<String> cursor();

    /** Only orders modified at or after this time (before the rescan window is applied). */
    Optional<Instant> updatedSince();

    /** Only orders created at or after this time. */
    Optional<Instant> createdSince();

    /** Only orders created or modified before this time. */
    Optional<Instant> until();

    /** How far before {@link #updatedSince()} to look again; zero by default. */
    @Value.Default
    default Duration rescanWindow() {
        return Duration.ZERO;
    }

    /** Only orders in these states; all states when empty. */
    Set<OrderStatus> statuses();

    /** The page size to ask for; the adapter's default (and at most the platform's maximum) when absent. */
    OptionalInt pageSize();

    /** {@link #updatedSince()} moved back by {@link #rescanWindow()}: the time adapters should ask from. */
    default Optional<Instant> effectiveUpdatedSince() {
        return updatedSince().map(t -> t.minus(rescanWindow()));
    }

    /**
     * Whether an order's status passes the status filter.
     *
     * @param status an order's status
     * @return {@code true} if wanted
     */
    default boolean wants(OrderStatus status) {
        return statuses().isEmpty() || statuses().contains(status);
    }

    @Value.Check
    default void check() {
        if (rescanWindow().isNegative()) {
            throw new InvalidModelException("OrderQuery", "rescanWindow", "must not be negative");
        }
        if (pageSize().isPresent() && pageSize().getAsInt() < 1) {
            throw new InvalidModelException("OrderQuery", "pageSize", "must be at least 1");
        }
        Optional<Instant> from = updatedSince().or(this::createdSince);
        if (from.isPresent() && until().isPresent() && !until().get().isAfter(from.get())) {
            throw new InvalidModelException("OrderQuery", "until", "must be after the start of the range");
        }
    }

    /** Every order. */
    static OrderQuery all() {
        return builder().build();
    }

    static ImmutableOrderQuery.Builder builder() {
        return ImmutableOrderQuery.builder();
    }

    default ImmutableOrderQuery.Builder toBuilder() {
        return ImmutableOrderQuery.builder().from(this);
    }
}
