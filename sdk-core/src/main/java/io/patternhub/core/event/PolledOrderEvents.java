package io.patternhub.core.event;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Order events for one storefront connection from polling (and optionally webhooks), each order state
 * delivered once. The storefront adapters' {@code *OrderEvents} classes are thin users of this class.
 *
 * <p>Each {@link #poll} reads the orders an {@link OrderSource} returns from the persisted cursor, less a
 * rescan window (platforms do not bump the modification time for every late refund or cancellation).
 * Each order's state, its {@linkplain Builder#fingerprint fingerprint}, is compared with the one last
 * emitted; only changes become events. Webhook events go through the same check ({@link #deliver}), so a
 * delivery replayed five times, or a webhook followed by a poll, yields one event. After a complete poll
 * the cursor moves to the latest {@linkplain Builder#pollTime poll time} seen (never past "now"); a poll
 * cut short by the handler or the source keeps the old cursor, so nothing it did not reach is skipped.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId(Platform, Order,
 * String)}), so a consumer can deduplicate a crash's repeats. Thread-safe within one process; several
 * processes must not poll the same state store at once.
 */
public final class PolledOrderEvents {
    /** Emitted states older than the oldest time any later read can return, by this margin, are forgotten. */
    private static final Duration FORGET_MARGIN = Duration.ofDays(1);

    private final Platform platform;
    private final OrderSource source;
    private final OrderPollStateStore store;
    private final Duration rescanWindow;
    private final Duration initialLookback;
    private final Clock clock;
    private final Function<Order, String> fingerprint;
    private final Function<Order, Instant> pollTime;
    private final Object lock = new Object();

    private PolledOrderEvents(Builder b) {
        Options<?> options = b;
        this.platform = options.platform;
        this.source = b.source;
        this.store = options.store;
        this.rescanWindow = options.rescanWindow;
        this.initialLookback = options.initialLookback;
        this.clock = options.clock;
        this.fingerprint = b.fingerprint;
        this.pollTime = b.pollTime;
    }

    /**
     * Where a poll reads orders from: the orders modified (or otherwise due) since {@code from} less
     * {@code rescanWindow}, fetched lazily. The stream is closed after the poll.
     */
    @FunctionalInterface
    public interface OrderSource {

        /**
         * The orders to look at in one poll.
         *
         * @param from         the persisted cursor, or "now" less the initial lookback on the first poll
         * @param rescanWindow how far before {@code from} to read again
         * @return the orders, in the order their events should be handled
         */
        Stream<Order> orders(Instant from, Duration rescanWindow);

        /**
         * The usual source: {@link Storefront#orders} with {@code updatedSince(from)} and the rescan window.
         *
         * @param storefront the storefront
         * @return the source
         */
        static OrderSource updatedSince(Storefront storefront) {
            Objects.requireNonNull(storefront, "storefront");
            return (from, rescanWindow) -> storefront.orders(OrderQuery.builder().updatedSince(from)
                    .rescanWindow(rescanWindow).build());
        }
    }

    /**
     * Starts a configuration.
     *
     * @param platform the platform the orders come from
     * @param source   where polls read orders
     * @return the builder
     */
    public static Builder builder(Platform platform, OrderSource source) {
        return new Builder(platform, source);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in the order the source returns them.
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
            Instant latest = from;
            Run run = new Run(state);
            boolean complete = false;
            try (Stream<Order> orders = source.orders(from, rescanWindow)) {
                for (Order order : (Iterable<Order>) orders::iterator) {
                    Instant at = pollTime.apply(order);
                    run.offer(eventFor(order, at), handler);
                    if (at.isAfter(latest) && !at.isAfter(now)) {
                        latest = at;
                    }
                }
                complete = true;
            } finally {
                // An incomplete run keeps the old cursor: the next poll reads what this one did not reach,
                // and skips what it handled by fingerprint.
                Optional<Instant> cursor = complete ? Optional.of(latest) : state.cursor();
                run.save(cursor, (complete ? latest : from).minus(rescanWindow));
            }
            return run.handled;
        }
    }

    /**
     * Hands the order events among {@code events} (typically a parsed webhook delivery) to {@code handler},
     * each unless its order state was already delivered. Events of other kinds, and order events that
     * carry no {@link OrderEvent#order()} (resolve those first), are passed over.
     *
     * @param events  the events, all from this platform
     * @param handler receives each new order state; if it throws, the events before it stay handled
     * @return how many events were handled
     * @throws InvalidRequestException if an event is from another platform
     */
    public int deliver(List<? extends StorefrontEvent> events, Consumer<OrderEvent> handler) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(handler, "handler");
        for (StorefrontEvent e : events) {
            if (e.platform() != platform) {
                throw new InvalidRequestException("Event " + e.eventId() + " is from " + e.platform()
                        + " but these order events are for " + platform + ": use that platform's order events.",
                        ErrorContext.builder().platform(platform).build());
            }
        }
        synchronized (lock) {
            OrderPollState state = store.load();
            Run run = new Run(state);
            try {
                for (StorefrontEvent e : events) {
                    if (e instanceof OrderEvent oe && oe.order().isPresent()) {
                        run.offer(oe, handler);
                    }
                }
            } finally {
                run.save(state.cursor(), state.cursor().orElse(clock.instant()).minus(rescanWindow));
            }
            return run.handled;
        }
    }

    /**
     * The event for an order in its current state, as {@link #poll} emits it.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public OrderEvent eventFor(Order order, Instant occurredAt) {
        return event(platform, order, fingerprint.apply(order), occurredAt);
    }

    /**
     * The event for an order state: kind from {@link OrderEvent.Kind#of the status}, id from
     * {@link #eventId(Platform, Order, String)}, so the same state always has the same id.
     *
     * @param platform    the platform
     * @param order       the order, from that platform
     * @param fingerprint the order state's fingerprint
     * @param occurredAt  when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent event(Platform platform, Order order, String fingerprint, Instant occurredAt) {
        return OrderEvent.builder()
                .eventId(eventId(platform, order, fingerprint))
                .platform(platform)
                .occurredAt(occurredAt)
                .kind(OrderEvent.Kind.of(order.status()))
                .orderExternalId(order.externalId())
                .order(order)
                .build();
    }

    /**
     * The stable event id of an order state.
     *
     * @param platform    the platform
     * @param order       the order
     * @param fingerprint the order state's fingerprint
     * @return {@code <platform>:<hash>} of the order id and fingerprint
     */
    public static String eventId(Platform platform, Order order, String fingerprint) {
        return EventIds.of(platform, "order", order.externalId(), fingerprint);
    }

    /**
     * The default fingerprint: status, refunded total and number of refunds, which tells apart every state
     * an order goes through on platforms that report refunds.
     *
     * @param order the order
     * @return the fingerprint
     */
    public static String refundFingerprint(Order order) {
        return order.status() + "|" + order.totalRefunded().amount().stripTrailingZeros().toPlainString() + "|"
                + order.refunds().size();
    }

    /** The emitted states of one run, saved whatever happens. */
    private final class Run {
        final Map<String, OrderPollState.Emitted> emitted;
        int handled;

        Run(OrderPollState state) {
            this.emitted = new HashMap<>(state.emitted());
        }

        void offer(OrderEvent event, Consumer<OrderEvent> handler) {
            Order order = event.order().orElseThrow();
            String fp = fingerprint.apply(order);
            OrderPollState.Emitted last = emitted.get(order.externalId());
            if (last != null && last.fingerprint().equals(fp)) {
                return;
            }
            handler.accept(event);
            emitted.put(order.externalId(), new OrderPollState.Emitted(fp, pollTime.apply(order)));
            handled++;
        }

        void save(Optional<Instant> cursor, Instant oldestRead) {
            // An order whose poll time is before every future read only comes back when it changes, and then
            // its fingerprint differs: forgetting it keeps the state small.
            Instant forgetBefore = oldestRead.minus(FORGET_MARGIN);
            emitted.values().removeIf(e -> e.orderTime().isBefore(forgetBefore));
            store.save(new OrderPollState(cursor, emitted));
        }
    }

    /**
     * The settings every order-event source shares: state store, rescan window, initial lookback and clock.
     * The adapters' builders extend it, so their setters are these.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Options<B extends Options<B>> {
        private final Platform platform;
        private OrderPollStateStore store = OrderPollStateStore.inMemory();
        private Duration rescanWindow;
        private Duration initialLookback = Duration.ofDays(30);
        private Clock clock = Clock.systemUTC();

        /**
         * Defaults: in-memory state, 30 days' initial lookback, the system clock.
         *
         * @param platform             the platform, for errors
         * @param defaultRescanWindow  the platform's default rescan window
         */
        protected Options(Platform platform, Duration defaultRescanWindow) {
            this.platform = Objects.requireNonNull(platform, "platform");
            this.rescanWindow = nonNegative(defaultRescanWindow, "rescanWindow");
        }

        /**
         * This builder, typed.
         *
         * @return {@code this}
         */
        protected abstract B self();

        /**
         * Where the cursor and emitted states persist; default in memory (lost on restart).
         *
         * @param store the store
         * @return this builder
         */
        public B stateStore(OrderPollStateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return self();
        }

        /**
         * How far before the cursor orders are read again, to catch late refunds, cancellations and
         * payments; the default depends on the platform.
         *
         * @param window zero or positive
         * @return this builder
         * @throws ConfigurationException if negative or null
         */
        public B rescanWindow(Duration window) {
            this.rescanWindow = nonNegative(window, "rescanWindow");
            return self();
        }

        /**
         * How far back the first poll (no saved cursor) reaches; default 30 days.
         *
         * @param lookback zero or positive
         * @return this builder
         * @throws ConfigurationException if negative or null
         */
        public B initialLookback(Duration lookback) {
            this.initialLookback = nonNegative(lookback, "initialLookback");
            return self();
        }

        /**
         * The clock for "now".
         *
         * @param clock the clock
         * @return this builder
         */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /**
         * A builder of the engine with these settings, for an adapter's {@code build()}.
         *
         * @param source where polls read orders
         * @return the engine's builder
         */
        protected final Builder engine(OrderSource source) {
            return builder(platform, source).stateStore(store).rescanWindow(rescanWindow)
                    .initialLookback(initialLookback).clock(clock);
        }

        private Duration nonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be zero or positive, was " + d,
                        ErrorContext.builder().platform(platform).build());
            }
            return d;
        }
    }

    /** Configures {@link PolledOrderEvents}. */
    public static final class Builder extends Options<Builder> {
        private final OrderSource source;
        private Function<Order, String> fingerprint = PolledOrderEvents::refundFingerprint;
        private Function<Order, Instant> pollTime = o -> o.updatedAt().orElse(o.createdAt());

        private Builder(Platform platform, OrderSource source) {
            super(platform, Duration.ZERO);
            this.source = Objects.requireNonNull(source, "source");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * What distinguishes one state of an order from the next; default {@link #refundFingerprint}.
         * Orders whose fingerprint equals the one last emitted are not emitted again.
         *
         * @param fingerprint the function
         * @return this builder
         */
        public Builder fingerprint(Function<Order, String> fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /**
         * The time of an order that moves the cursor and becomes the event's {@code occurredAt}; default
         * the last modification, else the creation. It must be what the source's {@code from} compares.
         *
         * @param pollTime the function
         * @return this builder
         */
        public Builder pollTime(Function<Order, Instant> pollTime) {
            this.pollTime = Objects.requireNonNull(pollTime, "pollTime");
            return this;
        }

        /**
         * Builds the event source.
         *
         * @return it
         */
        public PolledOrderEvents build() {
            return new PolledOrderEvents(this);
        }
    }
}
