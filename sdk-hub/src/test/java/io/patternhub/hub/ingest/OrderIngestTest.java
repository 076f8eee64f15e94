package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.model.Listing;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderIngestTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** Records what it is given, keyed by change id. */
    static final class Recorder implements OrderChangeHandler {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void onOrderChange(OrderChange change) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("handler down");
            }
            seen.add(change.order().externalId() + ":" + change.status());
        }
    }

    /** A storefront holding orders in memory and answering queries by modification time (Etsy-like polling). */
    static final class MemoryStorefront implements Storefront {
        final Map<String, Order> orders = new ConcurrentHashMap<>();
        final List<OrderQuery> queries = Collections.synchronizedList(new ArrayList<>());

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
            return orders.values().stream()
                    .filter(o -> query.effectiveUpdatedSince().map(t -> !o.updatedAt().orElseThrow().isBefore(t)).orElse(true))
                    .sorted((a, b) -> a.updatedAt().orElseThrow().compareTo(b.updatedAt().orElseThrow()));
        }

        @Override
        public Order order(String externalId) {
            return orders.get(externalId);
        }
    }

    static Order order(String id, OrderStatus status, Instant updated) {
        return Order.builder().platform(Platform.ETSY).externalId(id).createdAt(T0).updatedAt(updated)
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("buyer-" + id).build())
                .addLineItems(LineItem.builder().sku("TEE-01").title("Tee").quantity(1).unitPrice(Money.of("5.00", "EUR")).build())
                .currency(java.util.Currency.getInstance("EUR")).subtotal(Money.of("5.00", "EUR"))
                .total(Money.of("5.00", "EUR")).status(status).build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyStateReachesTheHandlerOnceEvenWhenItFailsFirst(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        Recorder recorder = new Recorder();
        recorder.failuresLeft.set(1);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderIngest ingest = OrderIngest.builder(store).handler(recorder).retryBackoff(Duration.ofSeconds(10)).build();
            assertThat(ingest.ingest(order("1", OrderStatus.PAID, T0.plusSeconds(60)), "e1")).isEqualTo(OrderIngest.Outcome.CREATED);
            assertThat(ingest.ingest(order("1", OrderStatus.PAID, T0.plusSeconds(60)), "e1")).isEqualTo(OrderIngest.Outcome.UPDATED);
            assertThat(ingest.ingest(order("1", OrderStatus.PENDING, T0), "e0")).isEqualTo(OrderIngest.Outcome.STALE);

            assertThat(ingest.dispatchAll()).isZero(); // the handler failed once
            assertThat(ingest.dispatchAll()).isZero(); // backing off: not yet due
            clock.advance(Duration.ofSeconds(11));
            assertThat(ingest.dispatchAll()).isEqualTo(1);
            assertThat(ingest.ingest(order("1", OrderStatus.REFUNDED, T0.plusSeconds(120)), "e2"))
                    .isEqualTo(OrderIngest.Outcome.STATUS_CHANGED);
            ingest.dispatchAll();
            ingest.dispatchAll();
            assertThat(recorder.seen).containsExactly("1:PAID", "1:REFUNDED");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void pollingFromAPersistedCursorCatchesLateRefundsInTheRescanWindow(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        Recorder recorder = new Recorder();
        MemoryStorefront etsy = new MemoryStorefront();
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderIngest ingest = OrderIngest.builder(store).handler(recorder).build();
            OrderPoller poller = new OrderPoller(store, ingest, Duration.ofDays(2));
            etsy.orders.put("1", order("1", OrderStatus.PAID, T0.plus(Duration.ofDays(1))));
            etsy.orders.put("2", order("2", OrderStatus.PAID, T0.plus(Duration.ofDays(3))));
            clock.set(T0.plus(Duration.ofDays(4)));

            OrderPoller.PollResult first = poller.poll("etsy-main", etsy);
            assertThat(first.seen()).isEqualTo(2);
            assertThat(first.changed()).isEqualTo(2);
            assertThat(poller.cursor("etsy-main")).contains(T0.plus(Duration.ofDays(3)));

            // a refund Etsy reports with an older modification time, inside the rescan window
            etsy.orders.put("2", order("2", OrderStatus.REFUNDED, T0.plus(Duration.ofDays(3)).plusSeconds(1)));
            etsy.orders.put("1", order("1", OrderStatus.REFUNDED, T0.plus(Duration.ofDays(2))));
            OrderPoller.PollResult second = new OrderPoller(store, ingest, Duration.ofDays(2)).poll("etsy-main", etsy);
            assertThat(etsy.queries.get(1).effectiveUpdatedSince()).contains(T0.plus(Duration.ofDays(1)));
            assertThat(second.changed()).isEqualTo(2);
            // polling again changes nothing
            assertThat(poller.poll("etsy-main", etsy).changed()).isZero();
            assertThat(recorder.seen).containsExactlyInAnyOrder("1:PAID", "2:PAID", "1:REFUNDED", "2:REFUNDED");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aModificationTimeInTheFutureDoesNotMoveTheCursorPastNow(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        MemoryStorefront etsy = new MemoryStorefront();
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderPoller poller = new OrderPoller(store, OrderIngest.builder(store).build(), Duration.ofHours(1));
            etsy.orders.put("1", order("1", OrderStatus.PAID, T0.minus(Duration.ofHours(2))));
            // a platform clock a day ahead: taken as the cursor, it would skip everything changed until then
            etsy.orders.put("2", order("2", OrderStatus.PAID, T0.plus(Duration.ofDays(1))));

            OrderPoller.PollResult first = poller.poll("etsy-main", etsy);
            assertThat(first.seen()).isEqualTo(2);
            assertThat(first.cursor()).contains(T0.minus(Duration.ofHours(2)));
            assertThat(poller.cursor("etsy-main")).contains(T0.minus(Duration.ofHours(2)));

            // an order changed an hour later is still found by the next poll
            clock.set(T0.plus(Duration.ofHours(1)));
            etsy.orders.put("3", order("3", OrderStatus.PAID, T0.plus(Duration.ofMinutes(30))));
            OrderPoller.PollResult second = poller.poll("etsy-main", etsy);
            assertThat(etsy.queries.get(1).effectiveUpdatedSince()).contains(T0.minus(Duration.ofHours(3)));
            assertThat(second.changed()).isEqualTo(1);
            assertThat(poller.cursor("etsy-main")).contains(T0.plus(Duration.ofMinutes(30)));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void twoInstancesShareTheInboxWithoutDuplicatesOrLoss(Vendor vendor) throws Exception {
        ManualClock clock = ManualClock.at(T0);
        Recorder recorder = new Recorder();
        MemoryStorefront etsy = new MemoryStorefront();
        int orders = 30;
        try (HubStore a = TestStores.fresh(vendor, clock); HubStore b = TestStores.sameDatabase(a, clock)) {
            List<WebhookInbox> instances = new ArrayList<>();
            for (HubStore s : List.of(a, b)) {
                OrderIngest ingest = OrderIngest.builder(s).handler(recorder).build();
                instances.add(WebhookInbox.builder(s, ingest).storefront("etsy", etsy).build());
            }
            // events name the order only (like Etsy's order.paid); the inbox fetches it from the storefront
            for (int i = 0; i < orders; i++) {
                String id = "o" + i;
                etsy.orders.put(id, order(id, OrderStatus.PAID, T0.plusSeconds(i)));
                io.patternhub.core.event.OrderEvent event = io.patternhub.core.event.OrderEvent.builder().eventId("evt-" + i)
                        .platform(Platform.ETSY).occurredAt(T0).kind(io.patternhub.core.event.OrderEvent.Kind.PAID)
                        .orderExternalId(id).build();
                insertDirect(a, event);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (WebhookInbox in : instances) {
                done.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    int round;
                    do {
                        round = in.processPending(3);
                        n += round;
                    } while (round > 0);
                    return n;
                }));
            }
            start.countDown();
            int processed = done.get(0).get() + done.get(1).get();
            pool.shutdown();
            // anything left by a lost race is picked up
            instances.get(0).processAll();
            assertThat(processed).isLessThanOrEqualTo(orders);
            assertThat(instances.get(0).pendingCount()).isZero();
            assertThat(recorder.seen).hasSize(orders).doesNotHaveDuplicates();
            assertThat(new Orders(a).count()).isEqualTo(orders);
        }
    }

    /** Stores an event as {@link WebhookInbox#receive} would after verification. */
    private static void insertDirect(HubStore store, io.patternhub.core.event.StorefrontEvent event) {
        String json;
        try {
            json = io.patternhub.core.json.PatternHubJson.newMapper().writerFor(io.patternhub.core.event.StorefrontEvent.class)
                    .writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        store.inTransaction(tx -> tx.update("INSERT INTO webhook_inbox (lane, event_id, event_type, payload, received_at,"
                + " status, attempts, available_at) VALUES ('etsy', ?, 'order.paid', ?, ?, 'PENDING', 0, ?)",
                event.eventId(), json, tx.now(), tx.now()));
    }
}
