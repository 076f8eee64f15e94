package io.patternhub.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LeaseQueueTest {

    private static long enqueue(HubStore store, String lane, String sku) {
        return store.inTransaction(tx -> tx.insertReturningId("INSERT INTO outbox (lane, sku, target_hash, available_at,"
                + " created_at) VALUES (?, ?, 'h', ?, ?) RETURNING id", lane, sku, tx.now(), tx.now()));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void claimCompleteAndLeaseExpiry(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            assertThat(store.vendor()).isEqualTo(vendor);
            LeaseQueue q = store.leaseQueue("outbox");
            long a = enqueue(store, "etsy", "A");
            long b = enqueue(store, "etsy", "B");
            enqueue(store, "shopify", "C");

            List<Lease> first = q.claim("etsy", "w1", 10, Duration.ofMinutes(1));
            assertThat(first).extracting(Lease::id).containsExactly(a, b);
            // leased rows are not claimable by another worker while the lease holds
            assertThat(q.claim("etsy", "w2", 10, Duration.ofMinutes(1))).isEmpty();

            store.inTransaction(tx -> {
                q.complete(tx, first.get(0));
                return null;
            });
            // w1 dies holding B; after the lease runs out w2 takes it over, with the attempt counted
            clock.advance(Duration.ofMinutes(2));
            List<Lease> taken = q.claim("etsy", "w2", 10, Duration.ofMinutes(1));
            assertThat(taken).extracting(Lease::id).containsExactly(b);
            assertThat(taken.get(0).attempts()).isEqualTo(2);
            // the old holder can no longer complete it
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                q.complete(tx, first.get(1));
                return null;
            })).isInstanceOf(LeaseLostException.class);
            assertThat(q.pendingCount("etsy")).isEqualTo(1);
            assertThat(q.pendingCount(null)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void retryLaterHonoursBackoff(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            LeaseQueue q = store.leaseQueue("outbox");
            long id = enqueue(store, "etsy", "A");
            Lease lease = q.claim("etsy", "w1", 1, Duration.ofMinutes(1)).get(0);
            Instant retryAt = clock.instant().plusSeconds(30);
            store.inTransaction(tx -> {
                q.retryLater(tx, lease, retryAt, "503 from storefront");
                return null;
            });
            assertThat(q.claim("etsy", "w1", 1, Duration.ofMinutes(1))).isEmpty();
            assertThat(q.nextAvailableAt("etsy")).isEqualTo(retryAt);
            clock.advance(Duration.ofSeconds(30));
            assertThat(q.claim("etsy", "w1", 1, Duration.ofMinutes(1))).extracting(Lease::id).containsExactly(id);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rollbackOnFailureKeepsNothing(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, java.time.Clock.systemUTC())) {
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                enqueueIn(tx);
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(store.leaseQueue("outbox").pendingCount(null)).isZero();
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.update("INSERT INTO nowhere VALUES (1)")))
                    .isInstanceOf(StoreException.class);
        }
    }

    private static void enqueueIn(Tx tx) throws java.sql.SQLException {
        tx.update("INSERT INTO outbox (lane, sku, target_hash, available_at, created_at) VALUES ('l', 's', 'h', 0, 0)");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void badTableNameIsRefused(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, java.time.Clock.systemUTC())) {
            assertThatThrownBy(() -> store.leaseQueue("outbox; DROP TABLE patterns")).isInstanceOf(StoreException.class);
        }
    }
}
