package io.patternhub.hub.ingest;

import static io.patternhub.hub.ingest.MemoryStorefront.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
            etsy.put("1", OrderStatus.PAID, T0.plus(Duration.ofDays(1)));
            etsy.put("2", OrderStatus.PAID, T0.plus(Duration.ofDays(3)));
            clock.set(T0.plus(Duration.ofDays(4)));

            OrderPoller.PollResult first = poller.poll("etsy-main", etsy);
            assertThat(first.seen()).isEqualTo(2);
            assertThat(first.changed()).isEqualTo(2);
            assertThat(poller.cursor("etsy-main")).contains(T0.plus(Duration.ofDays(3)));

            // a refund Etsy reports with an older modification time, inside the rescan window
            etsy.put("2", OrderStatus.REFUNDED, T0.plus(Duration.ofDays(3)).plusSeconds(1));
            etsy.put("1", OrderStatus.REFUNDED, T0.plus(Duration.ofDays(2)));
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
            etsy.put("1", OrderStatus.PAID, T0.minus(Duration.ofHours(2)));
            // a platform clock a day ahead: taken as the cursor, it would skip everything changed until then
            etsy.put("2", OrderStatus.PAID, T0.plus(Duration.ofDays(1)));

            OrderPoller.PollResult first = poller.poll("etsy-main", etsy);
            assertThat(first.seen()).isEqualTo(2);
            assertThat(first.cursor()).contains(T0.minus(Duration.ofHours(2)));
            assertThat(poller.cursor("etsy-main")).contains(T0.minus(Duration.ofHours(2)));

            // an order changed an hour later is still found by the next poll
            clock.set(T0.plus(Duration.ofHours(1)));
            etsy.put("3", OrderStatus.PAID, T0.plus(Duration.ofMinutes(30)));
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
                etsy.put(id, OrderStatus.PAID, T0.plusSeconds(i));
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
