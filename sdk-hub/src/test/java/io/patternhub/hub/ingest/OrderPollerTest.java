package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OrderPoller} on the shared polling engine: a poll cut short keeps its cursor, the first poll
 * reads everything, and an order read again is ingested again exactly when some field of it changed.
 */
class OrderPollerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** Orders in memory, listed by modification time; can fail after a number of orders (a page that breaks). */
    private static final class Shop implements Storefront {
        final Map<String, Order> orders = new LinkedHashMap<>();
        final List<OrderQuery> queries = new ArrayList<>();
        int failAfter = -1;

        @Override
        public Platform platform() {
            return Platform.ETSY;
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().platform(Platform.ETSY).build();
        }

        @Override
        public Stream<Listing> listings() {
            return Stream.empty();
        }

        @Override
        public Stream<Order> orders(OrderQuery query) {
            queries.add(query);
            List<Order> due = orders.values().stream()
                    .filter(o -> query.effectiveUpdatedSince().map(t -> !o.updatedAt().orElseThrow().isBefore(t)).orElse(true))
                    .sorted((a, b) -> a.updatedAt().orElseThrow().compareTo(b.updatedAt().orElseThrow())).toList();
            if (failAfter < 0) {
                return due.stream();
            }
            Stream<Order> failing = Stream.<Order>generate(() -> {
                throw new IllegalStateException("page 2 failed");
            }).limit(1);
            return Stream.concat(due.stream().limit(failAfter), failing);
        }

        @Override
        public Order order(String externalId) {
            return orders.get(externalId);
        }
    }

    private final Shop shop = new Shop();

    private void put(String id, OrderStatus status, Instant updated) {
        shop.orders.put(id, OrderIngestTest.order(id, status, updated));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aPollCutShortKeepsItsCursorAndTheNextOneIngestsWhatItDidNotReach(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofHours(1));
            put("a", OrderStatus.PAID, T0.minus(Duration.ofHours(5)));
            assertThat(poller.poll("etsy-main", shop).cursor()).contains(T0.minus(Duration.ofHours(5)));

            put("b", OrderStatus.PAID, T0.minus(Duration.ofHours(2)));
            put("c", OrderStatus.PAID, T0.minus(Duration.ofHours(1)));
            shop.failAfter = 2; // a (again) and b are read, b is ingested, then the next page fails
            assertThatThrownBy(() -> poller.poll("etsy-main", shop)).hasMessage("page 2 failed");
            assertThat(poller.cursor("etsy-main")).as("old cursor kept").contains(T0.minus(Duration.ofHours(5)));
            assertThat(new Orders(store).count()).isEqualTo(2);

            shop.failAfter = -1;
            OrderPoller.PollResult next = poller.poll("etsy-main", shop);
            assertThat(shop.queries.get(2).effectiveUpdatedSince()).contains(T0.minus(Duration.ofHours(6)));
            assertThat(next.seen()).as("a, b and c are in the window").isEqualTo(3);
            assertThat(next.changed()).as("a and b are known: only c is new").isEqualTo(1);
            assertThat(next.cursor()).contains(T0.minus(Duration.ofHours(1)));
            assertThat(new Orders(store).count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theFirstPollReadsEveryOrderAndAnEmptyOneLeavesTheCursorUnset(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofDays(3));
            assertThat(poller.poll("etsy-main", shop).cursor()).isEmpty();
            assertThat(poller.cursor("etsy-main")).isEmpty();
            assertThat(shop.queries.get(0).updatedSince()).as("no lower bound on a first poll").isEmpty();

            put("years-old", OrderStatus.PAID, T0.minus(Duration.ofDays(2000)));
            OrderPoller.PollResult first = poller.poll("etsy-main", shop);
            assertThat(shop.queries.get(1).updatedSince()).isEmpty();
            assertThat(first.changed()).isOne();
            assertThat(poller.cursor("etsy-main")).contains(T0.minus(Duration.ofDays(2000)));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anOrderReadAgainIsIngestedAgainOnlyWhenSomeFieldChanged(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofDays(1));
            put("a", OrderStatus.PAID, T0.minus(Duration.ofHours(1)));
            poller.poll("etsy-main", shop);
            // a mark only a new write of the order would overwrite
            store.inTransaction(tx -> tx.update("UPDATE orders SET order_number = 'mark'"));

            assertThat(poller.poll("etsy-main", shop).seen()).as("read again in the rescan window").isOne();
            assertThat(new Orders(store).find(Platform.ETSY, "a").orElseThrow().orderNumber()).contains("mark");

            // the payout reference arrives: same status, same refunds, same modification time
            shop.orders.put("a", shop.orders.get("a").toBuilder().payoutReference("po-77").build());
            OrderPoller.PollResult result = poller.poll("etsy-main", shop);
            assertThat(result.changed()).as("no new status").isZero();
            assertThat(new Orders(store).findOrder(Platform.ETSY, "a").orElseThrow().payoutReference()).contains("po-77");
            assertThat(new Orders(store).find(Platform.ETSY, "a").orElseThrow().orderNumber()).isEmpty();

            // a new poller (a restart) does not know what was ingested: it writes the overlap once more
            store.inTransaction(tx -> tx.update("UPDATE orders SET order_number = 'mark'"));
            new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofDays(1)).poll("etsy-main", shop);
            assertThat(new Orders(store).find(Platform.ETSY, "a").orElseThrow().orderNumber()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aBlankSourceIsRefused(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ZERO);
            assertThatThrownBy(() -> poller.poll(" ", shop)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("source");
            assertThatThrownBy(() -> poller.cursor(null)).isInstanceOf(InvalidRequestException.class);
            assertThat(shop.queries).isEmpty();
        }
    }
}
