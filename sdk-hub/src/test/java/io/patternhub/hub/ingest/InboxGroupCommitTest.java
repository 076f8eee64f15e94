package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.hub.access.GenericOrderWebhook;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent deliveries share one commit: while a first delivery's transaction is held up by a lock,
 * nineteen more queue behind it and go in one second transaction; each caller returns only once its own
 * rows are committed, redeliveries in the same batch count as duplicates, and a failed batch fails
 * every caller in it.
 */
class InboxGroupCommitTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("group-commit-secret-32-bytes!!!!".getBytes(StandardCharsets.US_ASCII));
    private final Clock clock = Clock.systemUTC();
    private final StandardWebhookSigner signer = StandardWebhookSigner.create(SECRET, clock);

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void deliveriesArrivingDuringACommitShareTheNextOne(Vendor vendor) throws Exception {
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            WebhookInbox inbox = inbox(store);
            List<WebhookRequest> deliveries = new ArrayList<>();
            for (int i = 0; i < 19; i++) {
                deliveries.add(delivery("msg_" + i, "G-" + i));
            }
            deliveries.add(deliveries.get(5)); // a redelivery, queued in the same batch as the original
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try (Connection blocker = store.dataSource().getConnection()) {
                holdWriteLock(blocker, vendor);
                Future<InboxReceipt> leader = pool.submit(() -> inbox.receive("site", deliveries.get(0)));
                await(() -> inbox.writer().batches() == 1); // the leader took its batch and waits on the lock
                List<Future<InboxReceipt>> followers = new ArrayList<>();
                for (WebhookRequest d : deliveries.subList(1, deliveries.size())) {
                    followers.add(pool.submit(() -> inbox.receive("site", d)));
                }
                await(() -> inbox.writer().queued() == 19);
                assertThat(leader.isDone()).as("nothing is acknowledged before it is committed").isFalse();
                blocker.rollback();
                blocker.setAutoCommit(true); // sqlite-jdbc would otherwise begin (and lock) again at once

                int stored = leader.get(30, TimeUnit.SECONDS).stored();
                int duplicates = 0;
                for (Future<InboxReceipt> f : followers) {
                    InboxReceipt r = f.get(30, TimeUnit.SECONDS);
                    stored += r.stored();
                    duplicates += r.duplicates();
                }
                assertThat(stored).isEqualTo(19);
                assertThat(duplicates).isEqualTo(1);
                assertThat(inbox.writer().batches()).as("one commit for the first, one for the nineteen after").isEqualTo(2);
                assertThat(inbox.pendingCount()).isEqualTo(19);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aLoneDeliveryIsWrittenAtOnceAndAFailedBatchFailsItsCallers(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            WebhookInbox inbox = inbox(store);
            assertThat(inbox.receive("site", delivery("msg_a", "A-1")).stored()).isOne();
            assertThat(inbox.receive("site", delivery("msg_a", "A-1")).duplicates()).isOne();
            assertThat(inbox.writer().batches()).isEqualTo(2);

            store.inTransaction(tx -> tx.update("DROP TABLE webhook_inbox")); // the next commit cannot succeed
            assertThatThrownBy(() -> inbox.receive("site", delivery("msg_b", "B-1"))).isInstanceOf(StoreException.class);
            assertThat(inbox.writer().queued()).as("a failed delivery does not stay queued").isZero();
        }
    }

    private WebhookInbox inbox(HubStore store) {
        return WebhookInbox.builder(store, OrderIngest.builder(store).build())
                .source("site", new GenericOrderWebhook(SECRET, clock)).build();
    }

    private WebhookRequest delivery(String id, String orderId) {
        byte[] body = ("{\"order_id\":\"" + orderId + "\",\"status\":\"paid\",\"currency\":\"EUR\","
                + "\"created_at\":\"2026-03-01T10:00:00Z\",\"total\":\"6.00\",\"lines\":[{\"sku\":\"TEE-01\","
                + "\"quantity\":1,\"unit_price\":\"6.00\"}]}").getBytes(StandardCharsets.UTF_8);
        return WebhookRequest.of(signer.sign(id, clock.instant(), body), body, clock.instant());
    }

    /** Takes the write lock on the inbox from another connection, in a transaction left open. */
    private static void holdWriteLock(Connection c, Vendor vendor) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (vendor == Vendor.POSTGRESQL) {
                s.execute("LOCK TABLE webhook_inbox IN EXCLUSIVE MODE");
            } else { // the store's SQLite connections begin IMMEDIATE: the first statement takes the write lock
                s.executeUpdate("UPDATE webhook_inbox SET status = status WHERE id < 0");
            }
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
