package io.patternhub.woocommerce;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Order events for one WooCommerce shop, from polling and from webhooks, each order state delivered once.
 *
 * <p>Polling asks for orders with {@code modified_after} the persisted cursor less the rescan window
 * (WooCommerce compares whole seconds and {@code modified_after} is exclusive, and a refund written in
 * the same second as the cursor, or a clock step on the site, would otherwise be missed). Each order's
 * state (status, refunds) is compared with the one last emitted; only changes become events. Webhooks
 * ({@code order.created}/{@code order.updated}) are verified and parsed by
 * {@link WooCommerceStorefront#parseWebhook} and go through the same check, so a redelivery, or a
 * webhook followed by a poll, yields one event.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}). Thread-safe
 * within one process; several processes must not poll the same shop at once.
 */
public final class WooCommerceOrderEvents {
    private final WooCommerceStorefront storefront;
    private final OrderPollStateStore store;
    private final Duration rescanWindow;
    private final Duration initialLookback;
    private final Clock clock;
    private final Object lock = new Object();

    private WooCommerceOrderEvents(Builder b) {
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
    public static Builder builder(WooCommerceStorefront storefront) {
        return new Builder(storefront);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in the order WooCommerce lists them.
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
            Instant cursor = from;
            Progress progress = new Progress(state);
            try (Stream<Order> changed = storefront.orders(OrderQuery.builder().updatedSince(from)
                    .rescanWindow(rescanWindow).build())) {
                for (Order o : (Iterable<Order>) changed::iterator) {
                    Instant modifiedAt = o.updatedAt().orElse(o.createdAt());
                    if (modifiedAt.isAfter(cursor) && !modifiedAt.isAfter(now)) {
                        cursor = modifiedAt;
                    }
                    progress.offer(eventFor(o, modifiedAt), handler);
                }
            } finally {
                progress.save(Optional.of(cursor), cursor.minus(rescanWindow));
            }
            return progress.handled;
        }
    }

    /**
     * Verifies and parses a webhook delivery, and hands its order event to {@code handler} unless that
     * order state was already delivered.
     *
     * @param request the delivery as received
     * @param handler receives the event
     * @return how many events were handled (0 for a repeat, a ping or a product topic)
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
                    if (e instanceof OrderEvent oe && oe.order().isPresent()) {
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
     * The event for an order in its current state.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent eventFor(Order order, Instant occurredAt) {
        return OrderEvent.builder()
                .eventId(eventId(order))
                .platform(Platform.WOOCOMMERCE)
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
     * @return {@code woocommerce:<hash>}
     */
    public static String eventId(Order order) {
        return EventIds.of(Platform.WOOCOMMERCE, "order", order.externalId(), fingerprint(order));
    }

    /**
     * What distinguishes one state of an order from the next: status, refunded total, number of refunds.
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
            emitted.put(order.externalId(), new OrderPollState.Emitted(fp, order.updatedAt().orElse(order.createdAt())));
            handled++;
        }

        void save(Optional<Instant> cursor, Instant forgetBefore) {
            // Orders last modified before every future rescan only come back when modified again,
            // and then their state differs: forgetting them keeps the state small.
            emitted.values().removeIf(e -> e.createdAt().isBefore(forgetBefore.minus(Duration.ofDays(1))));
            store.save(new OrderPollState(cursor, emitted));
        }
    }

    /** Configures {@link WooCommerceOrderEvents}. */
    public static final class Builder {
        private final WooCommerceStorefront storefront;
        private OrderPollStateStore store = OrderPollStateStore.inMemory();
        private Duration rescanWindow = Duration.ofMinutes(10);
        private Duration initialLookback = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();

        private Builder(WooCommerceStorefront storefront) {
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
         * How far before the cursor orders are asked for again; default 10 minutes.
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
        public WooCommerceOrderEvents build() {
            return new WooCommerceOrderEvents(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be zero or positive, was " + d,
                        ErrorContext.builder().platform(Platform.WOOCOMMERCE).build());
            }
            return d;
        }
    }
}
