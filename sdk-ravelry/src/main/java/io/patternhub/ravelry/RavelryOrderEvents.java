package io.patternhub.ravelry;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.OrderQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Order events for one Ravelry pattern store, by polling: Ravelry has no webhooks.
 *
 * <p>Each poll reads {@code purchases.json} with {@code min_paid_date} at the persisted cursor less the
 * rescan window, so invoices paid late or changed after the cursor moved on are seen again. The cursor is
 * the latest {@code invoice_date} seen (an invoice is paid at or after its date, so nothing paid after the
 * cursor is missed). Each invoice's state (status, total, lines) is compared with the one last emitted;
 * only changes become events. Pages that did not change since the last poll are answered 304 through the
 * storefront's ETag cache and not downloaded again.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}), so a consumer
 * can deduplicate a crash's repeats. Thread-safe within one process; several processes must not poll the
 * same store at once.
 */
public final class RavelryOrderEvents {
    private final RavelryStorefront storefront;
    private final OrderPollStateStore store;
    private final Duration rescanWindow;
    private final Duration initialLookback;
    private final Clock clock;
    private final Object lock = new Object();

    private RavelryOrderEvents(Builder b) {
        this.storefront = b.storefront;
        this.store = b.store;
        this.rescanWindow = b.rescanWindow;
        this.initialLookback = b.initialLookback;
        this.clock = b.clock;
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
        Objects.requireNonNull(handler, "handler");
        synchronized (lock) {
            OrderPollState state = store.load();
            Instant now = clock.instant();
            Instant from = state.cursor().orElse(now.minus(initialLookback));
            Map<String, Order> seen = new LinkedHashMap<>();
            try (Stream<Order> paid = storefront.orders(OrderQuery.builder().updatedSince(from)
                    .rescanWindow(rescanWindow).build())) {
                paid.forEach(o -> seen.put(o.externalId(), o));
            }
            Instant cursor = from;
            for (Order o : seen.values()) {
                if (o.createdAt().isAfter(cursor) && !o.createdAt().isAfter(now)) {
                    cursor = o.createdAt();
                }
            }
            Progress progress = new Progress(state);
            try {
                for (Order o : seen.values()) {
                    progress.offer(eventFor(o, o.createdAt()), handler);
                }
            } finally {
                progress.save(Optional.of(cursor), cursor.minus(rescanWindow));
            }
            return progress.handled;
        }
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
        return OrderEvent.builder()
                .eventId(eventId(order))
                .platform(Platform.RAVELRY)
                .occurredAt(occurredAt)
                .kind(order.status() == OrderStatus.PAID ? OrderEvent.Kind.PAID : OrderEvent.Kind.CREATED)
                .orderExternalId(order.externalId())
                .order(order)
                .build();
    }

    /**
     * The stable event id of an order state.
     *
     * @param order the order
     * @return {@code ravelry:<hash>}
     */
    public static String eventId(Order order) {
        return EventIds.of(Platform.RAVELRY, "order", order.externalId(), fingerprint(order));
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

    /** Emitted states of one run, saved whatever happens. */
    private final class Progress {
        final Map<String, OrderPollState.Emitted> emitted;
        int handled;

        Progress(OrderPollState state) {
            this.emitted = new HashMap<>(state.emitted());
        }

        void offer(OrderEvent event, Consumer<OrderEvent> handler) {
            Order order = event.order().orElseThrow();
            String fp = fingerprint(order);
            OrderPollState.Emitted last = emitted.get(order.externalId());
            if (last != null && last.fingerprint().equals(fp)) {
                return;
            }
            handler.accept(event);
            emitted.put(order.externalId(), new OrderPollState.Emitted(fp, order.createdAt()));
            handled++;
        }

        void save(Optional<Instant> cursor, Instant forgetBefore) {
            // Invoices dated before every future rescan are not read again: forgetting them keeps the state small.
            emitted.values().removeIf(e -> e.createdAt().isBefore(forgetBefore.minus(Duration.ofDays(1))));
            store.save(new OrderPollState(cursor, emitted));
        }
    }

    /** Configures {@link RavelryOrderEvents}. */
    public static final class Builder {
        private final RavelryStorefront storefront;
        private OrderPollStateStore store = OrderPollStateStore.inMemory();
        private Duration rescanWindow = Duration.ofDays(7);
        private Duration initialLookback = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();

        private Builder(RavelryStorefront storefront) {
            this.storefront = Objects.requireNonNull(storefront, "storefront");
        }

        /**
         * Where the cursor and emitted states persist; default in memory (lost on restart).
         *
         * @param store the store
         * @return this builder
         */
        public Builder stateStore(OrderPollStateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How far before the cursor invoices are read again, to catch those paid late (an unpaid invoice
         * dated before the cursor) or changed; default 7 days.
         *
         * @param window zero or positive
         * @return this builder
         */
        public Builder rescanWindow(Duration window) {
            this.rescanWindow = nonNegative(window, "rescanWindow");
            return this;
        }

        /**
         * How far back the first poll (no saved cursor) reaches; default 30 days.
         *
         * @param lookback zero or positive
         * @return this builder
         */
        public Builder initialLookback(Duration lookback) {
            this.initialLookback = nonNegative(lookback, "initialLookback");
            return this;
        }

        /**
         * The clock for "now".
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the event source.
         *
         * @return it
         */
        public RavelryOrderEvents build() {
            return new RavelryOrderEvents(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be zero or positive, was " + d, ErrorContext.empty());
            }
            return d;
        }
    }
}
