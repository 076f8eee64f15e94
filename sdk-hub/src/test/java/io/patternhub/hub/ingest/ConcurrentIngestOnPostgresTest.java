package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances on one PostgreSQL ingest at the same moment: a returning buyer's two orders (with a
 * platform customer id, or a guest's matched by email), or two events of one order. The second transaction's insert waits on the first one's uncommitted row; once
 * the first commits, the second must carry on as an update, not fail on the unique key (found by the
 * two-instance storm in the reliability suite: the failed inbox row only came back after its backoff).
 */
class ConcurrentIngestOnPostgresTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void twoOrdersOfOneNewBuyerAtOnceShareOneCustomer() throws Exception {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore a = TestStores.fresh(Vendor.POSTGRESQL, clock); HubStore b = TestStores.sameDatabase(a, clock)) {
            OrderIngest ingestA = OrderIngest.builder(a).build();
            OrderIngest ingestB = OrderIngest.builder(b).build();
            OrderIngest.Outcome second = raceWithOpenTransaction(a, ingestA, order("O-1", OrderStatus.PAID, 0, true),
                    () -> ingestB.ingest(order("O-2", OrderStatus.PAID, 0, true), "e-2"));

            assertThat(second).isEqualTo(OrderIngest.Outcome.CREATED);
            assertThat(count(a, "SELECT COUNT(*) FROM customers")).isOne();
            assertThat(count(a, "SELECT COUNT(DISTINCT customer_id) FROM orders")).isOne();
            assertThat(count(a, "SELECT COUNT(*) FROM orders")).isEqualTo(2);
        }
    }

    @Test
    void twoOrdersOfOneNewGuestAtOnceShareOneCustomer() throws Exception {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore a = TestStores.fresh(Vendor.POSTGRESQL, clock); HubStore b = TestStores.sameDatabase(a, clock)) {
            OrderIngest ingestA = OrderIngest.builder(a).build();
            OrderIngest ingestB = OrderIngest.builder(b).build();
            // no customer id: matched by email, in another case; the second insert waits on the guest index
            OrderIngest.Outcome second = raceWithOpenTransaction(a, ingestA,
                    GuestCustomerTest.guestOrder(Platform.CSV, "G-1", "Guest@Example.com"),
                    () -> ingestB.ingest(GuestCustomerTest.guestOrder(Platform.CSV, "G-2", "guest@example.com"), "e-2"));

            assertThat(second).isEqualTo(OrderIngest.Outcome.CREATED);
            assertThat(count(a, "SELECT COUNT(*) FROM customers")).isOne();
            assertThat(count(a, "SELECT COUNT(DISTINCT customer_id) FROM orders")).isOne();
            assertThat(count(a, "SELECT COUNT(*) FROM orders WHERE customer_id IS NOT NULL")).isEqualTo(2);
        }
    }

    @Test
    void twoEventsOfOneNewOrderAtOnceBecomeOneOrderWithBothStates() throws Exception {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore a = TestStores.fresh(Vendor.POSTGRESQL, clock); HubStore b = TestStores.sameDatabase(a, clock)) {
            OrderIngest ingestA = OrderIngest.builder(a).build();
            OrderIngest ingestB = OrderIngest.builder(b).build();
            OrderIngest.Outcome second = raceWithOpenTransaction(a, ingestA, order("O-1", OrderStatus.PAID, 0, false),
                    () -> ingestB.ingest(order("O-1", OrderStatus.REFUNDED, 60, false), "e-refund"));

            assertThat(second).isEqualTo(OrderIngest.Outcome.STATUS_CHANGED);
            assertThat(count(a, "SELECT COUNT(*) FROM orders")).isOne();
            assertThat(new Orders(a).find(Platform.CSV, "O-1").orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(count(a, "SELECT COUNT(*) FROM order_changes")).isEqualTo(2);
            assertThat(count(a, "SELECT COUNT(*) FROM order_lines")).isOne();
        }
    }

    /**
     * Ingests {@code first} in a transaction on store {@code a} and holds it open until {@code second}
     * (run in another thread) is blocked on one of its row locks, then commits and returns what
     * {@code second} returned.
     */
    private static OrderIngest.Outcome raceWithOpenTransaction(HubStore a, OrderIngest ingestA, Order first,
                                                               java.util.concurrent.Callable<OrderIngest.Outcome> second)
            throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch firstWritten = new CountDownLatch(1);
        try {
            Future<OrderIngest.Outcome> racing = pool.submit(() -> {
                firstWritten.await();
                return second.call();
            });
            a.inTransaction(tx -> {
                ingestA.ingest(tx, first, "e-1");
                firstWritten.countDown();
                awaitBlockedBackend(a, Duration.ofSeconds(30));
                return null;
            });
            return racing.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until some session of this database waits for a lock held by another. */
    private static void awaitBlockedBackend(HubStore store, Duration atMost) throws SQLException {
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a"
                        + " ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the second ingest never waited on the first one's rows");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    /** An order of one line; {@code withBuyer} false leaves the buyer out (the race is then on the order alone). */
    private static Order order(String id, OrderStatus status, int minutesLater, boolean withBuyer) {
        Currency eur = Currency.getInstance("EUR");
        var b = Order.builder().platform(Platform.CSV).externalId(id).currency(eur).createdAt(T0)
                .updatedAt(T0.plus(Duration.ofMinutes(minutesLater))).status(status)
                .subtotal(Money.of("6.00", eur)).total(Money.of("6.00", eur))
                .addLineItems(LineItem.builder().sku("TEE-01").title("Tee").quantity(1).unitPrice(Money.of("6.00", eur)).build());
        if (withBuyer) {
            b.buyer(CustomerRef.builder().platform(Platform.CSV).externalId("c-returning").email("ann@example.com").build());
        }
        return b.build();
    }

    private static long count(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElse(0L));
    }
}
