package io.patternhub.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.MutableClock;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared polling engine: cursor, rescan window, dedup by fingerprint, change events, restarts. */
class PolledOrderEventsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final Shop shop = new Shop();
    private final List<OrderEvent> received = new ArrayList<>();

    /**
     * A platform in memory: orders by id; a read returns those whose modification time is at or after
     * {@code from} less the window, in id order, and records what it was asked.
     */
    private static final class Shop implements PolledOrderEvents.OrderSource {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final List<Instant> readsFrom = new ArrayList<>();
        int failAfter = -1;

        void put(Order order) {
            orders.put(order.externalId(), order);
        }

        @Override
        public Stream<Order> orders(Instant from, Duration rescanWindow) {
            Instant oldest = from.minus(rescanWindow);
            readsFrom.add(oldest);
            List<Order> due = orders.values().stream()
                    .filter(o -> !o.updatedAt().orElse(o.createdAt()).isBefore(oldest)).toList();
            if (failAfter < 0) {
                return due.stream();
            }
            Stream<Order> failing = Stream.<Order>generate(() -> {
                throw new IllegalStateException("page 2 failed");
            }).limit(1);
            return Stream.concat(due.stream().limit(failAfter), failing);
        }
    }

    private static ImmutableOrder order(String id, Instant created, OrderStatus status) {
        return Order.builder().platform(Platform.ETSY).externalId(id).createdAt(created).updatedAt(created)
                .currency(Currency.getInstance("USD")).subtotal(Money.of("8.00", "USD"))
                .total(Money.of("8.00", "USD")).status(status).build();
    }

    /** The order refunded by {@code amount}; the modification time moves only if {@code touch}. */
    private static Order refunded(Order o, String amount, Instant at, boolean touch) {
        Order r = o.toBuilder().addRefund(Refund.builder().externalId("r" + o.refunds().size())
                        .amount(Money.of(amount, "USD")).createdAt(at).build())
                .status(o.totalRefunded().plus(Money.of(amount, "USD")).compareTo(o.total()) < 0
                        ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.REFUNDED)
                .build();
        return touch ? r.toBuilder().updatedAt(at).build() : r;
    }

    private PolledOrderEvents events(OrderPollStateStore state, Duration rescan) {
        return PolledOrderEvents.builder(Platform.ETSY, shop).stateStore(state).rescanWindow(rescan)
                .initialLookback(Duration.ofDays(10)).clock(clock).build();
    }

    @Test
    void theFirstPollReadsTheInitialLookbackAndTheCursorAdvancesToTheLatestOrderTime() {
        shop.put(order("old", T0.minus(Duration.ofDays(11)), OrderStatus.PAID));
        shop.put(order("a", T0.minus(Duration.ofHours(2)), OrderStatus.PAID));
        shop.put(order("b", T0.minus(Duration.ofHours(1)), OrderStatus.PENDING));
        shop.put(order("future", T0.plus(Duration.ofHours(1)), OrderStatus.PAID)); // a skewed platform clock
        OrderPollStateStore state = OrderPollStateStore.inMemory();

        assertThat(events(state, Duration.ZERO).poll(received::add)).isEqualTo(3);

        assertThat(shop.readsFrom).containsExactly(T0.minus(Duration.ofDays(10)));
        assertThat(received).extracting(OrderEvent::orderExternalId).containsExactly("a", "b", "future");
        assertThat(received).extracting(OrderEvent::kind)
                .containsExactly(OrderEvent.Kind.PAID, OrderEvent.Kind.CREATED, OrderEvent.Kind.PAID);
        assertThat(received.get(0).occurredAt()).isEqualTo(T0.minus(Duration.ofHours(2)));
        // Never past "now": an order stamped in the future does not make the next poll skip what comes before it.
        assertThat(state.load().cursor()).contains(T0.minus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(5));
        shop.put(order("c", clock.instant(), OrderStatus.PAID));
        received.clear();
        assertThat(events(state, Duration.ofMinutes(30)).poll(received::add)).isEqualTo(1);
        assertThat(received).extracting(OrderEvent::orderExternalId).containsExactly("c");
        assertThat(shop.readsFrom.get(1)).isEqualTo(T0.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(30)));
        assertThat(state.load().cursor()).contains(clock.instant());
    }

    @Test
    void aSilentRefundBeforeTheCursorIsFoundOnlyWithinTheRescanWindow() {
        Order a = order("a", T0.minus(Duration.ofHours(3)), OrderStatus.PAID);
        shop.put(a);
        shop.put(order("b", T0.minus(Duration.ofHours(1)), OrderStatus.PAID));
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        events(state, Duration.ZERO).poll(received::add);
        clock.advance(Duration.ofHours(1));
        shop.put(refunded(a, "8.00", clock.instant(), false)); // the platform did not bump its modification time

        OrderPollStateStore copy = OrderPollStateStore.inMemory();
        copy.save(state.load());
        assertThat(events(copy, Duration.ofHours(1)).poll(e -> { })).as("a is 2 hours before the cursor").isZero();

        received.clear();
        assertThat(events(state, Duration.ofHours(3)).poll(received::add)).isEqualTo(1);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.orderExternalId()).isEqualTo("a");
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.REFUNDED);
        });
        // b was read again in the overlap, unchanged: not emitted again.
        assertThat(events(state, Duration.ofHours(3)).poll(received::add)).isZero();
    }

    @Test
    void everyNewStateOfAnOrderIsOneEventWithItsOwnStableId() {
        Order a = order("a", T0.minus(Duration.ofMinutes(10)), OrderStatus.PENDING);
        shop.put(a);
        PolledOrderEvents feed = events(OrderPollStateStore.inMemory(), Duration.ofMinutes(30));
        feed.poll(received::add);
        a = a.toBuilder().status(OrderStatus.PAID).updatedAt(clock.instant()).build();
        shop.put(a);
        feed.poll(received::add);
        clock.advance(Duration.ofMinutes(1));
        a = refunded(a, "3.00", clock.instant(), true);
        shop.put(a);
        feed.poll(received::add);
        clock.advance(Duration.ofMinutes(1));
        a = refunded(a, "5.00", clock.instant(), true);
        shop.put(a);
        feed.poll(received::add);
        assertThat(feed.poll(received::add)).isZero();

        assertThat(received).extracting(OrderEvent::kind).containsExactly(OrderEvent.Kind.CREATED,
                OrderEvent.Kind.PAID, OrderEvent.Kind.REFUNDED, OrderEvent.Kind.REFUNDED);
        assertThat(received.get(2).order().orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(received).extracting(OrderEvent::eventId).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("etsy:"));
        // The same state gives the same id, from any instance (a consumer can deduplicate a crash's repeats).
        assertThat(PolledOrderEvents.eventId(Platform.ETSY, a, PolledOrderEvents.refundFingerprint(a)))
                .isEqualTo(received.get(3).eventId());
    }

    @Test
    void aNewInstanceResumesFromTheCursorAndEmittedStatesInTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("poll.json");
        shop.put(order("a", T0.minus(Duration.ofHours(1)), OrderStatus.PAID));
        assertThat(events(OrderPollStateStore.file(file), Duration.ofHours(2)).poll(received::add)).isEqualTo(1);
        // The format the per-platform stores wrote: cursor plus fingerprint and time as "createdAt".
        assertThat(Files.readString(file)).contains("\"cursor\"", "\"createdAt\"");

        clock.advance(Duration.ofMinutes(10));
        shop.put(order("b", clock.instant(), OrderStatus.PAID));
        received.clear();
        assertThat(events(OrderPollStateStore.file(file), Duration.ofHours(2)).poll(received::add)).isEqualTo(1);
        assertThat(received).extracting(OrderEvent::orderExternalId).containsExactly("b");
        assertThat(shop.readsFrom.get(1)).isEqualTo(T0.minus(Duration.ofHours(3)));

        // A file written by the former Etsy/Ravelry/WooCommerce stores is read as it is.
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"cursor\":\"2026-03-01T09:00:00Z\",\"emitted\":{\"a\":{\"fingerprint\":\"PAID|0|0\","
                + "\"createdAt\":\"2026-03-01T09:00:00Z\"}}}", StandardCharsets.UTF_8);
        OrderPollState loaded = OrderPollStateStore.file(old).load();
        assertThat(loaded.cursor()).contains(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(loaded.emitted().get("a")).isEqualTo(
                new OrderPollState.Emitted("PAID|0|0", Instant.parse("2026-03-01T09:00:00Z")));
    }

    @Test
    void aCorruptStateFileIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("poll.json");
        Files.writeString(file, "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> events(OrderPollStateStore.file(file), Duration.ZERO).poll(received::add))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("poll.json")
                .hasMessageContaining("delete");
    }

    @Test
    void aHandlerFailureKeepsTheEventsBeforeItAndTheOldCursor() {
        for (int i = 0; i < 3; i++) {
            shop.put(order("o" + i, T0.minus(Duration.ofMinutes(3 - i)), OrderStatus.PAID));
        }
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        PolledOrderEvents feed = events(state, Duration.ZERO);
        assertThatThrownBy(() -> feed.poll(e -> {
            if (received.size() == 1) {
                throw new IllegalStateException("handler down");
            }
            received.add(e);
        })).hasMessage("handler down");
        assertThat(state.load().emitted()).containsOnlyKeys("o0");
        assertThat(state.load().cursor()).isEmpty();

        assertThat(feed.poll(received::add)).isEqualTo(2);
        assertThat(received).extracting(OrderEvent::orderExternalId).containsExactly("o0", "o1", "o2");
        assertThat(state.load().cursor()).contains(T0.minus(Duration.ofMinutes(1)));
    }

    @Test
    void aSourceFailingMidwayDoesNotMoveTheCursorPastWhatItDidNotRead() {
        shop.put(order("a", T0.minus(Duration.ofHours(5)), OrderStatus.PAID));
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        PolledOrderEvents feed = events(state, Duration.ZERO);
        feed.poll(received::add);
        Instant cursor = state.load().cursor().orElseThrow();
        shop.put(order("b", T0.minus(Duration.ofHours(1)), OrderStatus.PAID));
        shop.put(order("c", T0.minus(Duration.ofHours(2)), OrderStatus.PAID)); // listed after b, older than b
        shop.failAfter = 2; // a and b, then the next page fails

        assertThatThrownBy(() -> feed.poll(received::add)).hasMessage("page 2 failed");
        assertThat(state.load().cursor()).contains(cursor);
        shop.failAfter = -1;
        assertThat(feed.poll(received::add)).isEqualTo(1);
        assertThat(received).extracting(OrderEvent::orderExternalId).containsExactly("a", "b", "c");
    }

    @Test
    void webhookEventsAndPollsOfTheSameStateYieldOneEvent() {
        Order a = order("a", T0.minus(Duration.ofMinutes(1)), OrderStatus.PAID);
        shop.put(a);
        PolledOrderEvents feed = events(OrderPollStateStore.inMemory(), Duration.ofHours(1));
        OrderEvent delivery = feed.eventFor(a, a.createdAt()).toBuilder().eventId("etsy:delivery-1").build();
        OrderEvent unresolved = OrderEvent.builder().eventId("etsy:delivery-2").platform(Platform.ETSY)
                .occurredAt(T0).kind(OrderEvent.Kind.PAID).orderExternalId("z").build();

        assertThat(feed.deliver(List.of(delivery, unresolved), received::add)).isEqualTo(1);
        assertThat(feed.deliver(List.of(delivery), received::add)).isZero();
        assertThat(feed.poll(received::add)).isZero();
        assertThat(received).extracting(OrderEvent::eventId).containsExactly("etsy:delivery-1");

        OrderEvent shopify = OrderEvent.builder().eventId("shopify:1").platform(Platform.SHOPIFY).occurredAt(T0)
                .kind(OrderEvent.Kind.PAID).orderExternalId("a").build();
        assertThatThrownBy(() -> feed.deliver(List.of(shopify), received::add))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SHOPIFY");
        assertThat(received).hasSize(1);
    }

    @Test
    void statesOutOfEveryFutureReadAreForgotten() {
        shop.put(order("old", T0.minus(Duration.ofDays(5)), OrderStatus.PAID));
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        PolledOrderEvents feed = events(state, Duration.ofDays(1));
        feed.poll(received::add);
        assertThat(state.load().emitted()).containsOnlyKeys("old");

        clock.advance(Duration.ofDays(3));
        shop.put(order("new", clock.instant(), OrderStatus.PAID));
        feed.poll(received::add);
        // cursor now, less the 1-day window and the 1-day margin: "old" (8 days back) is out of every read.
        assertThat(state.load().emitted()).containsOnlyKeys("new");
    }

    @Test
    void aCustomFingerprintAndPollTimeAreUsed() {
        ImmutableOrder a = order("a", T0.minus(Duration.ofHours(2)), OrderStatus.PAID).withUpdatedAt(T0);
        shop.put(a);
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        PolledOrderEvents feed = PolledOrderEvents.builder(Platform.RAVELRY, (from, window) -> shop.orders.values()
                        .stream().map(o -> o.toBuilder().platform(Platform.RAVELRY).build()))
                .stateStore(state).clock(clock).pollTime(Order::createdAt)
                .fingerprint(o -> o.status() + "|" + o.total().amount().toPlainString()).build();

        feed.poll(received::add);
        shop.put(a.withTotal(Money.of("9.00", "USD")).withSubtotal(Money.of("9.00", "USD")));
        feed.poll(received::add);

        assertThat(received).hasSize(2);
        assertThat(received.get(0).occurredAt()).isEqualTo(T0.minus(Duration.ofHours(2)));
        assertThat(received.get(0).eventId()).startsWith("ravelry:");
        assertThat(state.load().cursor()).contains(T0.minus(Duration.ofHours(2)));
    }

    @Test
    void theStorefrontSourceAsksForOrdersUpdatedSinceTheCursorWithTheWindow() {
        List<OrderQuery> queries = new ArrayList<>();
        Storefront storefront = (Storefront) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Storefront.class}, (proxy, method, args) -> {
                    if (method.getName().equals("orders")) {
                        queries.add((OrderQuery) args[0]);
                        return Stream.of(order("a", T0.minus(Duration.ofMinutes(1)), OrderStatus.PAID));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        PolledOrderEvents feed = PolledOrderEvents.builder(Platform.ETSY,
                PolledOrderEvents.OrderSource.updatedSince(storefront)).rescanWindow(Duration.ofMinutes(10))
                .clock(clock).build();

        assertThat(feed.poll(received::add)).isEqualTo(1);
        assertThat(queries).singleElement().satisfies(q -> {
            assertThat(q.updatedSince()).contains(T0.minus(Duration.ofDays(30)));
            assertThat(q.rescanWindow()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void negativeDurationsAreConfigurationErrors() {
        PolledOrderEvents.Builder builder = PolledOrderEvents.builder(Platform.WOOCOMMERCE, shop);
        assertThatThrownBy(() -> builder.rescanWindow(Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rescanWindow")
                .satisfies(e -> assertThat(((ConfigurationException) e).context().platform())
                        .contains(Platform.WOOCOMMERCE));
        assertThatThrownBy(() -> builder.initialLookback(null)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void eachStatusMapsToItsEventKind() {
        assertThat(OrderEvent.Kind.of(OrderStatus.PENDING)).isEqualTo(OrderEvent.Kind.CREATED);
        assertThat(OrderEvent.Kind.of(OrderStatus.PAID)).isEqualTo(OrderEvent.Kind.PAID);
        assertThat(OrderEvent.Kind.of(OrderStatus.PARTIALLY_REFUNDED)).isEqualTo(OrderEvent.Kind.REFUNDED);
        assertThat(OrderEvent.Kind.of(OrderStatus.REFUNDED)).isEqualTo(OrderEvent.Kind.REFUNDED);
        assertThat(OrderEvent.Kind.of(OrderStatus.CANCELLED)).isEqualTo(OrderEvent.Kind.CANCELLED);
    }
}
