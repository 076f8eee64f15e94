package io.patternhub.ravelry;

import io.patternhub.core.Platform;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PolledOrderEvents;
import io.patternhub.core.model.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Order events for one Ravelry pattern store, by polling: Ravelry has no webhooks.
 *
 * <p>Each poll reads {@code purchases.json} with {@code min_paid_date} at the persisted cursor less the
 * rescan window (default 7 days), so invoices paid late or changed after the cursor moved on are seen
 * again. The cursor is the latest {@code invoice_date} seen (an invoice is paid at or after its date, so
 * nothing paid after the cursor is missed). Each invoice's state (status, total, lines) is compared with
 * the one last emitted; only changes become events. Pages that did not change since the last poll are
 * answered 304 through the storefront's ETag cache and not downloaded again. The cursor, dedup and
 * delivery rules are those of {@link PolledOrderEvents}.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}), so a consumer
 * can deduplicate a crash's repeats. Thread-safe within one process; several processes must not poll the
 * same store at once.
 */
public final class RavelryOrderEvents {
    private final PolledOrderEvents events;

    private RavelryOrderEvents(PolledOrderEvents events) {
        this.events = events;
    }

    /**
     * Starts a configuration.
     *
     * @param storefront the store's storefront (with the seller's personal key: sales need it)
     * @return the builder
     */
    public static Builder builder(RavelryStorefront storefront) {
        return new Builder(storefront);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in paid-date order.
     *
     * @param handler receives each event; if it throws, the run stops and the events before it stay handled
     * @return how many events were handled
     */
    public int poll(Consumer<OrderEvent> handler) {
        return events.poll(handler);
    }

    /**
     * The event for an order in its current state: kind from the status, id from the invoice and
     * {@link #fingerprint}, so the same state always has the same id.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent eventFor(Order order, Instant occurredAt) {
        return PolledOrderEvents.event(Platform.RAVELRY, order, fingerprint(order), occurredAt);
    }

    /**
     * The stable event id of an order state.
     *
     * @param order the order
     * @return {@code ravelry:<hash>}
     */
    public static String eventId(Order order) {
        return PolledOrderEvents.eventId(Platform.RAVELRY, order, fingerprint(order));
    }

    /**
     * What distinguishes one state of an invoice from the next: its status, total and number of lines
     * (Ravelry reports no refunds).
     *
     * @param order the order
     * @return the fingerprint
     */
    public static String fingerprint(Order order) {
        return order.status() + "|" + order.total().amount().stripTrailingZeros().toPlainString() + "|"
                + order.lineItems().size();
    }

    /**
     * Configures {@link RavelryOrderEvents}: state store (default in memory), rescan window (default 7 days:
     * how far before the cursor invoices are read again, to catch those paid late or changed), initial
     * lookback (default 30 days) and clock.
     */
    public static final class Builder extends PolledOrderEvents.Options<Builder> {
        private final RavelryStorefront storefront;

        private Builder(RavelryStorefront storefront) {
            super(Platform.RAVELRY, Duration.ofDays(7));
            this.storefront = Objects.requireNonNull(storefront, "storefront");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the event source.
         *
         * @return it
         */
        public RavelryOrderEvents build() {
            // The cursor is the invoice date, which min_paid_date is compared with.
            return new RavelryOrderEvents(engine(PolledOrderEvents.OrderSource.updatedSince(storefront))
                    .fingerprint(RavelryOrderEvents::fingerprint).pollTime(Order::createdAt).build());
        }
    }
}
