package io.patternhub.etsy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.WebhookRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Order events for one Etsy shop, from polling and from webhooks, each order state delivered once.
 *
 * <p>Polling reads receipts modified since the persisted cursor ({@code min_last_modified}) and, because
 * Etsy does not bump {@code last_modified} for every refund or cancellation, also re-reads every receipt
 * created within the rescan window before the cursor. Each receipt's state (status, refunds) is compared
 * with the one last emitted; only changes become events. Webhooks ({@code order.paid}) are verified and
 * resolved by {@link EtsyStorefront#parseWebhook} and go through the same check, so a delivery replayed
 * five times, or a webhook followed by a poll, yields one event.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}), so a consumer
 * can deduplicate a crash's repeats. Thread-safe within one process; several processes must not poll
 * the same store at once.
 */
public final class EtsyOrderEvents {
    private final EtsyStorefront storefront;
    private final OrderPollStateStore store;
    private final Duration rescanWindow;
    private final Duration initialLookback;
    private final Clock clock;
    private final Object lock = new Object();

    private EtsyOrderEvents(Builder b) {
        this.storefront = b.storefront;
        this.store = b.store;
        this.rescanWindow = b.rescanWindow;
        this.initialLookback = b.initialLookback;
        this.clock = b.clock;
    }

    /**
     * Starts a configuration.
     *
     * @param storefront the shop's storefront
     * @return the builder
     */
    public static Builder builder(EtsyStorefront storefront) {
        return new Builder(storefront);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in receipt order.
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
            try (Stream<Order> modified = storefront.orders(OrderQuery.builder().updatedSince(from).build());
                 Stream<Order> recent = storefront.orders(OrderQuery.builder()
                         .createdSince(from.minus(rescanWindow)).build())) {
                modified.forEach(o -> seen.put(o.externalId(), o));
                recent.forEach(o -> seen.putIfAbsent(o.externalId(), o));
            }
            Instant cursor = from;
            for (Order o : seen.values()) {
                Instant modifiedAt = o.updatedAt().orElse(o.createdAt());
                if (modifiedAt.isAfter(cursor) && !modifiedAt.isAfter(now)) {
                    cursor = modifiedAt;
                }
            }
            Progress progress = new Progress(state);
            try {
                for (Order o : seen.values()) {
                    progress.offer(eventFor(o, o.updatedAt().orElse(o.createdAt())), handler);
                }
            } finally {
                progress.save(Optional.of(cursor), cursor.minus(rescanWindow));
            }
            return progress.handled;
        }
    }

    /**
     * Verifies and resolves a webhook delivery, and hands its order event to {@code handler} unless that
     * order state was already delivered.
     *
     * @param request the delivery as received
     * @param handler receives the event
     * @return how many events were handled (0 for a repeat or an ignored event type)
     * @throws io.patternhub.core.error.WebhookVerificationException if verification fails: answer 401
     */
    public int onWebhook(WebhookRequest request, Consumer<OrderEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        List<StorefrontEvent> events = storefront.parseWebhook(request);
        synchronized (lock) {
            OrderPollState state = store.load();
            Progress progress = new Progress(state);
            try {
                for (StorefrontEvent e : events) {
                    if (e instanceof OrderEvent oe) {
                        progress.offer(oe, handler);
                    }
                }
            } finally {
                Instant horizon = state.cursor().orElse(clock.instant()).minus(rescanWindow);
                progress.save(state.cursor(), horizon);
            }
            return progress.handled;
        }
    }

    /**
     * The event for an order in its current state: kind from the status, id from the receipt and
     * {@link #fingerprint}, so the same state always has the same id.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent eventFor(Order order, Instant occurredAt) {
        return OrderEvent.builder()
                .eventId(eventId(order))
                .platform(Platform.ETSY)
                .occurredAt(occurredAt)
                .kind(kind(order.status()))
                .orderExternalId(order.externalId())
                .order(order)
                .build();
    }

    /**
     * The stable event id of an order state.
     *
     * @param order the order
     * @return {@code etsy:<hash>}
     */
    public static String eventId(Order order) {
        return EventIds.of(Platform.ETSY, "order", order.externalId(), fingerprint(order));
    }

    /**
     * What distinguishes one state of an order from the next: its status, refunded total and number of refunds.
     *
     * @param order the order
     * @return the fingerprint
     */
    public static String fingerprint(Order order) {
        return order.status() + "|" + order.totalRefunded().amount().stripTrailingZeros().toPlainString() + "|"
                + order.refunds().size();
    }

    private static OrderEvent.Kind kind(OrderStatus status) {
        switch (status) {
            case PENDING: return OrderEvent.Kind.CREATED;
            case PAID: return OrderEvent.Kind.PAID;
            case PARTIALLY_REFUNDED:
            case REFUNDED:
                return OrderEvent.Kind.REFUNDED;
            case CANCELLED: return OrderEvent.Kind.CANCELLED;
            default: throw new IllegalStateException("unknown status " + status);
        }
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
            // Receipts created before every future rescan can only come back through min_last_modified,
            // which Etsy bumps for real changes; forgetting them keeps the state small.
            emitted.values().removeIf(e -> e.createdAt().isBefore(forgetBefore.minus(Duration.ofDays(1))));
            store.save(new OrderPollState(cursor, emitted));
        }
    }

    /** Configures {@link EtsyOrderEvents}. */
    public static final class Builder {
        private final EtsyStorefront storefront;
        private OrderPollStateStore store = OrderPollStateStore.inMemory();
        private Duration rescanWindow = Duration.ofDays(30);
        private Duration initialLookback = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();

        private Builder(EtsyStorefront storefront) {
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
         * How far before the cursor receipts are re-read (by creation time) to catch late refunds and
         * cancellations; default 30 days.
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
        public EtsyOrderEvents build() {
            return new EtsyOrderEvents(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be zero or positive, was " + d, ErrorContext.empty());
            }
            return d;
        }
    }
}
