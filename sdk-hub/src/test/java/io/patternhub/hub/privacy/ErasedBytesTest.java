package io.patternhub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.hub.access.AccessFixture;
import io.patternhub.hub.access.GenericOrderWebhook;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure on SQLite, judged by the raw bytes of the database files ({@code hub.db}, {@code -wal},
 * {@code -shm}) rather than by queries: free space, freed pages and old WAL frames must not keep an
 * erased buyer either. Scanned while the store is still open (the WAL is live) and again after close.
 */
class ErasedBytesTest {
    private static final String EMAIL = "ann.weaver@example.com";
    private static final String OTHER_EMAIL = "bo.other@example.com";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T12:00:00Z"));

    @Test
    void aPlainFlowLeavesNoBytesOfTheErasedBuyer() throws IOException {
        Path db = dir.resolve("hub.db");
        try (Hub hub = new Hub(db)) {
            hub.deliver("m1", AccessFixture.orderJson("E-1", "paid", "2025-03-01T10:05:00Z", EMAIL, "Ann Weaver", "TEE-01"));
            hub.deliver("m2", AccessFixture.orderJson("X-1", "paid", "2025-03-01T10:06:00Z", OTHER_EMAIL, "Bo Other",
                    "TEE-01"));
            hub.inbox.processAll();
            assertThat(needlesIn(db, EMAIL, "Weaver")).as("the scan sees the buyer before erasure").isNotEmpty();

            assertThat(new PrivacyService(hub.store, e -> { }).eraseByEmail(EMAIL).customerIds()).hasSize(1);

            assertThat(needlesIn(db, EMAIL, "Weaver")).as("open store").isEmpty();
            assertThat(needlesIn(db, OTHER_EMAIL)).as("the other buyer is still stored").isNotEmpty();
        }
        assertThat(needlesIn(db, EMAIL, "Weaver")).as("closed store").isEmpty();
        assertThat(needlesIn(db, OTHER_EMAIL)).isNotEmpty();
    }

    /**
     * The buyer's row and orders are rewritten many times (new names, new statuses, longer and shorter
     * rows) among hundreds of other buyers' orders, so pages split, cells move, inbox payloads are
     * cleared and checkpoints copy old page images into the file; every old copy must go with the erasure.
     */
    @Test
    void oldCopiesFromManyUpdatesAreGoneAfterErasure() throws IOException {
        Path db = dir.resolve("hub.db");
        List<String> names = List.of("Ann Weaver", "Ann B. Weaver", "Annabel Weaver-Lindqvist", "A. Weaver");
        try (Hub hub = new Hub(db)) {
            int message = 0;
            for (int round = 0; round < 12; round++) {
                for (int other = 0; other < 40; other++) {
                    int n = round * 40 + other;
                    hub.deliver("o" + n, AccessFixture.orderJson("X-" + n, "paid", "2025-03-01T10:00:00Z",
                            "buyer" + n + "@example.com", "Buyer Number " + n, "TEE-01", "SOCK-02"));
                }
                for (int order = 0; order <= round; order++) {
                    String[] statuses = {"pending", "paid", "partially_refunded"};
                    String status = statuses[(round + order) % statuses.length];
                    hub.deliver("a" + message++, AccessFixture.orderJson("A-" + order, status,
                            "2025-03-01T10:%02d:00Z".formatted(round), EMAIL, names.get((round + order) % names.size()),
                            "TEE-01"));
                }
                hub.clock.advance(Duration.ofMinutes(1));
                hub.inbox.processAll();
            }
            assertThat(needlesIn(db, EMAIL, "Weaver")).as("the scan sees the buyer before erasure").isNotEmpty();

            ErasureReport report = new PrivacyService(hub.store, e -> { }).eraseByEmail(EMAIL);
            assertThat(report.customerIds()).hasSize(1);
            assertThat(report.ordersKept()).isEqualTo(12);

            assertThat(needlesIn(db, EMAIL, "Weaver", "Lindqvist")).as("open store").isEmpty();
            assertThat(needlesIn(db, "buyer479@example.com", "Buyer Number 0")).as("other buyers are still stored")
                    .anyMatch(hit -> hit.startsWith("buyer479")).anyMatch(hit -> hit.startsWith("Buyer Number 0"));
            int orders = hub.store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM orders", rs -> rs.getInt(1)))
                    .orElseThrow();
            assertThat(orders).as("orders are kept").isEqualTo(480 + 12);
        }
        assertThat(needlesIn(db, EMAIL, "Weaver", "Lindqvist")).as("closed store").isEmpty();
    }

    /**
     * Deliveries too large for one page spill into overflow pages (a 4,200-character order id puts the buyer
     * past what a 4 KiB page keeps locally); once processed their payloads are cleared and those pages go to
     * the free list, where they must not keep the buyer either.
     */
    @Test
    void clearedPayloadsInOverflowPagesLeaveNoBytes() throws IOException {
        Path db = dir.resolve("hub.db");
        String longId = "-" + "7".repeat(4_200);
        try (Hub hub = new Hub(db)) {
            for (int i = 0; i < 20; i++) {
                hub.deliver("big" + i, AccessFixture.orderJson("B-" + i + longId, "paid", "2025-03-01T10:05:00Z",
                        EMAIL, "Ann Weaver", "TEE-01"));
                hub.deliver("other" + i, AccessFixture.orderJson("Y-" + i + longId, "paid", "2025-03-01T10:05:00Z",
                        OTHER_EMAIL, "Bo Other", "TEE-01"));
            }
            // the pages reach the main file before they are freed (as a checkpoint between receipt and processing does)
            assertThat(hub.store.purgeFreedData()).isTrue();
            hub.inbox.processAll();
            long freePages = hub.store.inTransaction(tx -> tx.queryOne("PRAGMA freelist_count", rs -> rs.getLong(1)))
                    .orElseThrow();
            assertThat(freePages).as("cleared payloads freed their overflow pages").isPositive();

            new PrivacyService(hub.store, e -> { }).eraseByEmail(EMAIL);

            assertThat(needlesIn(db, EMAIL, "Weaver")).as("open store").isEmpty();
        }
        assertThat(needlesIn(db, EMAIL, "Weaver")).as("closed store").isEmpty();
    }

    /** The needles found (ignoring case) in the raw bytes of the database, its WAL and shared-memory file. */
    static List<String> needlesIn(Path db, String... needles) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(f)) {
                files.put(f.getFileName().toString(),
                        new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(files).containsKey(db.getFileName().toString());
        List<String> found = new ArrayList<>();
        for (String needle : needles) {
            files.forEach((name, text) -> {
                if (text.contains(needle.toLowerCase(Locale.ROOT))) {
                    found.add(needle + " in " + name);
                }
            });
        }
        return found;
    }

    /** A hub on a SQLite file: the generic signed order webhook into the inbox and order ingest. */
    private final class Hub implements AutoCloseable {
        final ManualClock clock = ErasedBytesTest.this.clock;
        final HubStore store;
        final WebhookInbox inbox;
        final StandardWebhookSigner signer = StandardWebhookSigner.create(AccessFixture.SECRET, clock);

        Hub(Path db) {
            store = HubStore.builder().sqliteFile(db).clock(clock).build();
            inbox = WebhookInbox.builder(store, OrderIngest.builder(store).build())
                    .source("site", new GenericOrderWebhook(AccessFixture.SECRET, clock)).build();
        }

        void deliver(String id, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            inbox.receive("site", WebhookRequest.of(signer.sign(id, clock.instant(), bytes), bytes, clock.instant()));
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
