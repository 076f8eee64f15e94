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
            runInbox(shop, WebhookIngestBench::sqliteStore, warmup, 1);
            runInbox(shop, () -> postgresStore(pg, true), warmup, threads);
            runBaseline(verifier, json, requests);

            long baselineNanos = runBaseline(verifier, json, requests);
            double baseline = rate(requests.size(), baselineNanos);
            System.out.printf("webhook ingest: %d deliveries (%d unique); each row: receiving threads, rate, ratio to"
                    + " the baseline%n", requests.size(), requests.stream().distinct().count());
            System.out.printf("  %-48s %3d  %,9.0f /s%n", "baseline: HMAC + parse alone", 1, baseline);
            List<Integer> all = new ArrayList<>(List.of(1));
            all.addAll(threadCounts);
            for (int t : all) {
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

    private static void row(String label, int threads, long nanos, int deliveries, double baseline) {
        double rate = rate(deliveries, nanos);
        System.out.printf("  %-48s %3d  %,9.0f /s   ratio %.3f%n", label, threads, rate, rate / baseline);
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

    /** Receives every delivery into a fresh store from {@code threads} threads; returns the wall time. */
    private static long runInbox(ShopifySandbox shop, Supplier<HubStore> stores, List<WebhookRequest> requests,
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
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            long elapsed = System.nanoTime() - start;
            long unique = requests.stream().distinct().count();
            if (stored.get() != unique || inbox.pendingCount() != unique) {
                throw new IllegalStateException("stored " + stored + " of " + unique + " unique deliveries");
            }
            return elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HubStore sqliteStore() {
        try {
            return HubStore.openSqlite(Files.createTempDirectory("bench-inbox").resolve("hub.db"));
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
