package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OrderPoller} on the shared polling engine: a poll cut short keeps its cursor, the first poll
 * reads everything, and an order read again is ingested again exactly when some field of it changed.
 */
class OrderPollerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final MemoryStorefront shop = new MemoryStorefront();

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aPollCutShortKeepsItsCursorAndTheNextOneIngestsWhatItDidNotReach(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofHours(1));
            shop.put("a", OrderStatus.PAID, T0.minus(Duration.ofHours(5)));
            assertThat(poller.poll("etsy-main", shop).cursor()).contains(T0.minus(Duration.ofHours(5)));

            shop.put("b", OrderStatus.PAID, T0.minus(Duration.ofHours(2)));
            shop.put("c", OrderStatus.PAID, T0.minus(Duration.ofHours(1)));
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

            shop.put("years-old", OrderStatus.PAID, T0.minus(Duration.ofDays(2000)));
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
            shop.put("a", OrderStatus.PAID, T0.minus(Duration.ofHours(1)));
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
