package io.patternhub.benchmarks;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.privacy.ErasureReport;
import io.patternhub.hub.privacy.PrivacyService;
import io.patternhub.hub.store.HubStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;

/**
 * How long erasing one buyer takes on a SQLite store holding many orders: the erasure as shipped (one
 * transaction, then the write-ahead log checkpointed into the file and truncated), and, for comparison, a
 * {@code VACUUM} of the same file (what rewriting every page would cost). The orders go in through
 * {@link OrderIngest}, 1,000 per transaction, from 1 buyer in 5 returning. Arguments: {@code [orders]}
 * (default 100,000).
 */
public final class ErasureBench {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String TARGET = "buyer-7@example.com";

    private ErasureBench() {
    }

    /**
     * Fills a store, erases one buyer, vacuums, and prints the times and file sizes.
     *
     * @param args optional number of orders
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path db = Files.createTempDirectory("bench-erasure").resolve("hub.db");
        try (HubStore store = HubStore.openSqlite(db)) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            long fill = System.nanoTime();
            for (int first = 0; first < orders; first += 1_000) {
                int from = first;
                store.inTransaction(tx -> {
                    for (int i = from; i < Math.min(from + 1_000, orders); i++) {
                        ingest.ingest(tx, order(i, orders / 5), "evt-" + i);
                    }
                    return null;
                });
            }
            System.out.printf("erasure: %,d orders stored in %.1f s; hub.db %,d KiB, hub.db-wal %,d KiB%n", orders,
                    (System.nanoTime() - fill) / 1e9, size(db) / 1024, size(wal(db)) / 1024);

            PrivacyService privacy = new PrivacyService(store, export -> { });
            long start = System.nanoTime();
            ErasureReport report = privacy.eraseByEmail(TARGET);
            long erase = System.nanoTime() - start;
            System.out.printf("  erase one buyer (%d orders kept), transaction + WAL checkpoint(TRUNCATE): %,.0f ms;"
                    + " hub.db-wal now %,d B%n", report.ordersKept(), erase / 1e6, size(wal(db)));

            start = System.nanoTime();
            store.inTransaction(tx -> null); // a pooled connection with no transaction open runs VACUUM
            try (java.sql.Connection c = store.dataSource().getConnection();
                 java.sql.Statement s = c.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            System.out.printf("  for comparison, VACUUM + checkpoint(TRUNCATE) of the same file: %,.0f ms;"
                    + " hub.db %,d KiB%n", (System.nanoTime() - start) / 1e6, size(db) / 1024);
        }
    }

    /** Order {@code i}, bought by one of {@code buyers} buyers (so {@link #TARGET} has several orders). */
    private static Order order(int i, int buyers) {
        int buyer = i % Math.max(1, buyers);
        Money price = Money.of("6.50", "EUR");
        return Order.builder().platform(Platform.SHOPIFY).externalId("ord-" + i).createdAt(T0.plusSeconds(i))
                .updatedAt(T0.plusSeconds(i))
                .buyer(CustomerRef.builder().platform(Platform.SHOPIFY).externalId("cust-" + buyer)
                        .email("buyer-" + buyer + "@example.com").name("Buyer Number " + buyer).build())
                .addLineItems(LineItem.builder().sku("TEE-01").title("Tee pattern").quantity(1).unitPrice(price).build())
                .currency(Currency.getInstance("EUR")).subtotal(price).total(price).status(OrderStatus.PAID).build();
    }

    private static Path wal(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }

    private static long size(Path f) throws java.io.IOException {
        return Files.exists(f) ? Files.size(f) : 0;
    }
}
