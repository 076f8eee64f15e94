package io.patternhub.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Webhook ingest on SQLite and on PostgreSQL: Shopify {@code orders/paid} deliveries through
 * {@link WebhookInbox#receive} (HMAC verify, parse, deduplicate, durable insert in its own transaction)
 * against HMAC verify plus Jackson parse alone, over the same signed deliveries. One delivery in ten is a
 * redelivery of an earlier one.
 *
 * <p>PostgreSQL runs as an embedded server started by the bench (same binaries as the hub's tests), on
 * the local disk, with {@code fsync=on} (the embedded defaults turn it off) and {@code synchronous_commit=on}:
 * a receive returns only once its row is flushed to the WAL on disk, which is what "stored before
 * acknowledged" means there. It is measured with one receiving
 * thread (like the SQLite row) and with several (an HTTP endpoint receives concurrently, and PostgreSQL
 * flushes concurrent commits together); a diagnostic row with {@code synchronous_commit=off} on a second
 * database shows what the WAL flush per commit costs. Arguments: {@code [deliveries] [threads,...]}
 * (defaults 20,000 and {@code 4,16}; every store is also measured with one thread).
 *
 * <p>SQLite same-run comparisons, one receiving thread: the previous settings (the inbox table with
 * {@code AUTOINCREMENT} as before migration V6, SQLite's default checkpoint every 1,000 pages), and
 * {@code secure_delete} off (not shippable: it shows what zeroing freed content costs). Each row also gives
 * the process CPU time and the bytes the process wrote per delivery (Linux {@code /proc/self/io}), which a
 * shared machine's load moves far less than the rate.
 */
public final class WebhookIngestBench {
    private static final String TOKEN = "shpat_bench";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private WebhookIngestBench() {
    }

    /**
     * Runs the benchmark and prints every rate, its ratio to the same-run baseline and the settings.
     *
     * @param args optional number of deliveries and of concurrent receiving threads
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Integer> threadCounts = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList() : List.of(4, 16);
        int threads = threadCounts.get(threadCounts.size() - 1);
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(TOKEN).build().start();
             EmbeddedPostgres pg = EmbeddedPostgres.builder()
                     // the embedded defaults turn fsync off; a durable store needs it on
                     .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start()) {
            List<WebhookRequest> requests = deliveries(shop, deliveries);
            WebhookVerifier verifier = WebhookVerifier.shopify(shop.clientSecret());
            ObjectMapper json = PatternHubJson.newMapper();
            System.out.println("postgresql: " + settings(pg.getPostgresDatabase()));

            // Warm every path up on throwaway stores so the JIT has compiled them before timing.
            List<WebhookRequest> warmup = requests.subList(0, Math.min(3_000, requests.size()));
            runInbox(shop, WebhookIngestBench::sqliteStore, requests, 1);
            runInbox(shop, WebhookIngestBench::previousSqliteStore, warmup, 1);
            runInbox(shop, () -> postgresStore(pg, true), warmup, threads);
            runBaseline(verifier, json, requests);

            long baselineNanos = runBaseline(verifier, json, requests);
            double baseline = rate(requests.size(), baselineNanos);
            System.out.printf("webhook ingest: %d deliveries (%d unique); each row: receiving threads, rate, ratio to"
                    + " the baseline%n", requests.size(), requests.stream().distinct().count());
            System.out.printf("  %-58s %3d  %,9.0f /s%n", "baseline: HMAC + parse alone", 1, baseline);
            List<Integer> all = new ArrayList<>(List.of(1));
            all.addAll(threadCounts);
            // one receiving thread: shipped and previous settings alternate, twice, so load drifts hit both
            for (int round = 1; round <= 2; round++) {
                row("inbox, SQLite file (WAL)", 1, runInbox(shop, WebhookIngestBench::sqliteStore, requests, 1),
                        requests.size(), baseline);
                row("SQLite, previous settings (AUTOINCREMENT, 1,000-page ckpt)", 1,
                        runInbox(shop, WebhookIngestBench::previousSqliteStore, requests, 1), requests.size(), baseline);
            }
            row("diagnostic: SQLite with secure_delete off", 1,
                    runInbox(shop, WebhookIngestBench::insecureSqliteStore, requests, 1), requests.size(), baseline);
            for (int t : threadCounts) {
                row("inbox, SQLite file (WAL)", t, runInbox(shop, WebhookIngestBench::sqliteStore, requests, t),
                        requests.size(), baseline);
            }
            for (int t : all) {
                row("inbox, PostgreSQL (fsync on)", t, runInbox(shop, () -> postgresStore(pg, true), requests, t),
                        requests.size(), baseline);
            }
            row("diagnostic: PostgreSQL synchronous_commit=off", 1,
                    runInbox(shop, () -> postgresStore(pg, false), requests, 1), requests.size(), baseline);
            System.out.println("  (target: >= 5,000/s on SQLite on a 2-core machine)");
        }
    }

    private static void row(String label, int threads, Run run, int deliveries, double baseline) {
        double rate = rate(deliveries, run.nanos);
        System.out.printf("  %-58s %3d  %,9.0f /s   ratio %.3f   cpu %4.0f us   written %s%n", label, threads, rate,
                rate / baseline, run.cpuNanos / 1e3 / deliveries,
                run.bytesWritten < 0 ? "?" : String.format("%,.0f B", (double) run.bytesWritten / deliveries));
    }

    /** One timed run: wall time, process CPU time and bytes the process wrote (-1 where unknown). */
    private record Run(long nanos, long cpuNanos, long bytesWritten) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Bytes this process has passed to write calls so far (Linux), or -1. */
    private static long bytesWritten() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static List<WebhookRequest> deliveries(ShopifySandbox shop, int count) {
        List<String> orders = shop.seedOrders(OrderSeed.builder().count(Math.min(500, count)).build());
        List<String> payloads = orders.stream().map(shop::orderWebhookPayload).toList();
        List<WebhookRequest> requests = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            if (i % 10 == 9) {
                requests.add(requests.get(i / 2)); // a platform redelivery: same webhook id and body
                continue;
            }
            SignedWebhook signed = shop.signedWebhook("ORDERS_PAID", payloads.get(i % payloads.size()));
            requests.add(WebhookRequest.of(signed.headers(), signed.body(), now));
        }
        return requests;
    }

    private static long runBaseline(WebhookVerifier verifier, ObjectMapper json, List<WebhookRequest> requests)
            throws Exception {
        long sink = 0;
        long start = System.nanoTime();
        for (WebhookRequest r : requests) {
            verifier.verify(WebhookHeaders.ofMultimap(r.headers()), r.body());
            sink += json.readTree(r.body()).size();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 0) {
            throw new IllegalStateException("parsed nothing");
        }
        return elapsed;
    }

    /** Receives every delivery into a fresh store from {@code threads} threads; returns what the run cost. */
    private static Run runInbox(ShopifySandbox shop, Supplier<HubStore> stores, List<WebhookRequest> requests,
                                 int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HubStore store = stores.get();
             ShopifyStorefront storefront = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                     .baseUrl(shop.baseUrl()).accessToken(TOKEN).clientSecret(shop.clientSecret()).build()) {
            WebhookInbox inbox = WebhookInbox.builder(store, OrderIngest.builder(store).build())
                    .storefront("shopify", storefront).build();
            AtomicInteger stored = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = first; i < requests.size(); i += threads) {
                        stored.addAndGet(inbox.receive("shopify", requests.get(i)).stored());
                    }
                    return null;
                }));
            }
            long written = bytesWritten();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            long elapsed = System.nanoTime() - start;
            cpu = processCpuNanos() - cpu;
            written = written < 0 ? -1 : bytesWritten() - written;
            long unique = requests.stream().distinct().count();
            if (stored.get() != unique || inbox.pendingCount() != unique) {
                throw new IllegalStateException("stored " + stored + " of " + unique + " unique deliveries");
            }
            return new Run(elapsed, cpu, written);
        } finally {
            pool.shutdownNow();
        }
    }

    private static HubStore sqliteStore() {
        return HubStore.openSqlite(tempDb());
    }

    /**
     * The store as it was before this change: SQLite's default checkpoint interval and the inbox table of
     * migration V2 (with {@code AUTOINCREMENT}, which V6 dropped), recreated after migrating.
     */
    private static HubStore previousSqliteStore() {
        HubStore store = HubStore.builder().sqliteFile(tempDb()).walCheckpointPages(1_000).build();
        store.inTransaction(tx -> {
            tx.update("DROP TABLE webhook_inbox");
            tx.update("CREATE TABLE webhook_inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, lane TEXT NOT NULL,"
                    + " event_id TEXT NOT NULL, event_type TEXT NOT NULL, payload TEXT, received_at BIGINT NOT NULL,"
                    + " processed_at BIGINT, status TEXT NOT NULL DEFAULT 'PENDING', attempts INTEGER NOT NULL DEFAULT 0,"
                    + " available_at BIGINT NOT NULL, lease_owner TEXT, lease_token TEXT, lease_until BIGINT,"
                    + " last_error TEXT, CONSTRAINT webhook_inbox_once UNIQUE (lane, event_id))");
            tx.update("CREATE INDEX webhook_inbox_claim ON webhook_inbox (status, available_at)");
            return null;
        });
        return store;
    }

    /** The shipped SQLite settings except {@code secure_delete}, which is off: a diagnostic, not shippable. */
    private static HubStore insecureSqliteStore() {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(30_000);
        cfg.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        cfg.enforceForeignKeys(true);
        cfg.setPragma(org.sqlite.SQLiteConfig.Pragma.SECURE_DELETE, "false");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + tempDb());
        return HubStore.builder().dataSource(ds).build();
    }

    private static Path tempDb() {
        try {
            return Files.createTempDirectory("bench-inbox").resolve("hub.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A store on a new database of the server; {@code durable} false turns off the WAL flush per commit. */
    private static HubStore postgresStore(EmbeddedPostgres pg, boolean durable) {
        String name = "bench_inbox_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            if (!durable) {
                s.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return HubStore.builder().dataSource(pg.getDatabase("postgres", name)).build();
    }

    /** The server settings that decide what a commit costs, for the record. */
    private static String settings(DataSource db) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method",
                    "full_page_writes", "commit_delay", "shared_buffers")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
        }
        sb.append(", data directory under ").append(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())
                .append(" (").append(fileSystemOf(Path.of(System.getProperty("java.io.tmpdir")))).append(')');
        return sb.toString();
    }

    /** The type of the file system holding {@code dir} (fsync on tmpfs would cost nothing), or "?" off Linux. */
    private static String fileSystemOf(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double rate(int count, long nanos) {
        return count * 1e9 / nanos;
    }
}
