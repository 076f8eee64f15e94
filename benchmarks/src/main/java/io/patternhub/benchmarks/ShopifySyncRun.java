package io.patternhub.benchmarks;

import io.patternhub.core.model.Money;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncReport;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.shopify.ShopifyCostPacer;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The Shopify half of {@link SyncBench}: a {@link ShopifySandbox} (real GraphQL engine, leaky cost bucket per
 * token) at the Standard plan's restore rate of 100 points/s with a {@value #BUCKET}-point bucket, the hub's
 * {@link CatalogSync} (default workers) through a {@link ShopifyStorefront} with its cost pacer, against a naive
 * sequential client (the same {@code createListing} per pattern, one after another, same storefront defaults)
 * on a second sandbox. Shopify has no digital-download API, so the hub syncs the listing only (its buyer access
 * delivers the file); nothing of the file is sent to Shopify, and the naive client sends the same.
 *
 * <p>Achieved ÷ allowed: points the sandbox charged ÷ the most a client could have spent in the same wall
 * time (the full bucket at the start plus 100 points for every second).
 */
final class ShopifySyncRun {
    static final long RESTORE_PER_SECOND = 100;
    static final long BUCKET = 1_000;
    private static final String TOKEN = "shpat_bench";
    /** GraphQL root fields that change state. */
    private static final Set<String> WRITES = Set.of("productSet", "productChangeStatus", "stagedUploadsCreate",
            "fileCreate");

    private ShopifySyncRun() {
    }

    /** One client's figures. */
    private record Figures(long requests, long points, long throttled, double seconds, CallStats stats) {
        double pointsPerSecond() {
            return points / seconds;
        }

        /** Achieved over the most a client could spend in this wall time, starting from a full bucket. */
        double ofAllowed() {
            return points / (BUCKET + RESTORE_PER_SECOND * seconds);
        }
    }

    static void run(int n, Path root, int workers) throws IOException {
        CallStats hubStats = new CallStats();
        try (ShopifySandbox shop = sandbox(); HubStore store = HubStore.openSqlite(Files.createTempDirectory("bench-hub").resolve("hub.db"))) {
            ShopifyStorefront storefront = storefront(shop, hubStats);
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = SyncBench.hubSync(store,
                    SyncTarget.builder("shopify", storefront).currency("USD").build(), workers);
            long start = System.nanoTime();
            SyncReport report = sync.apply();
            double hubSeconds = (System.nanoTime() - start) / 1e9;
            if (report.result("shopify").completed() != n) {
                throw new IllegalStateException("hub synced " + report.result("shopify").completed() + " of " + n);
            }
            Figures hub = figures(shop, hubSeconds, hubStats);
            System.out.printf("sync of %,d patterns (1 file each; Shopify takes the listing only) to Shopify at"
                    + " %d points/s, bucket %,d%n", n, RESTORE_PER_SECOND, BUCKET);
            print("hub CatalogSync (" + (workers > 0 ? workers : "default") + " workers)", hub, storefront.costStats());
            System.out.printf("    files hosted in Shopify Files: %d; sandbox products: %d%n", shop.files().size(),
                    shop.products().size());

            CallStats naiveStats = new CallStats();
            Figures naive;
            try (ShopifySandbox other = sandbox()) {
                ShopifyStorefront naiveClient = storefront(other, naiveStats);
                long t0 = System.nanoTime();
                for (int i = 1; i <= n; i++) {
                    naiveClient.createListing(ListingDraft.builder().sku(SyncBench.sku(i)).title("Pattern " + i)
                            .description("Generated pattern number " + i + ".").price(Money.of("5.00", "USD")).build());
                }
                naive = figures(other, (System.nanoTime() - t0) / 1e9, naiveStats);
                print("naive sequential", naive, naiveClient.costStats());
            }
            System.out.printf("  wall time hub / naive: %.2f; requests hub / naive: %.3f%n", hub.seconds() / naive.seconds(),
                    (double) hub.requests() / naive.requests());
            SyncBench.printBreakdown("responses by GraphQL root field", hubStats.byRootField(),
                    naiveStats.byRootField());

            if (!catalog.importFolder(root, true).isNoop()) {
                throw new IllegalStateException("an unchanged catalog imported as changed");
            }
            Map<String, Long> before = hubStats.byRootField();
            sync.apply();
            System.out.printf("  resync, nothing changed: %d write calls (minimal 0), %d requests%n",
                    writes(before, hubStats.byRootField()), hubStats.byRootField().values().stream()
                            .mapToLong(Long::longValue).sum() - before.values().stream().mapToLong(Long::longValue).sum());

            int changed = SyncBench.renameOnePercent(root, n);
            catalog.importFolder(root, true);
            before = hubStats.byRootField();
            sync.apply();
            long writes = writes(before, hubStats.byRootField());
            System.out.printf("  resync, %d titles changed: %d write calls; ratio to minimal %.2f%n", changed, writes,
                    (double) writes / changed);
        }
    }

    private static long writes(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> WRITES.contains(e.getKey()))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static Figures figures(ShopifySandbox shop, double seconds, CallStats stats) {
        return new Figures(shop.journal().size(), shop.chargedCost(), shop.throttledCount(), seconds, stats);
    }

    private static void print(String who, Figures f, ShopifyCostPacer.Stats pacer) {
        System.out.printf("  %s: %,d requests, %,d points in %.1f s = %.1f points/s; achieved / allowed %.3f"
                + " (/ restore rate alone %.3f); THROTTLED: %d%n", who, f.requests(), f.points(), f.seconds(),
                f.pointsPerSecond(), f.ofAllowed(), f.pointsPerSecond() / RESTORE_PER_SECOND, f.throttled());
        System.out.printf("    client side: mean latency %.1f ms; pacer waited %.1f s; lowest bucket reported %.0f"
                + " points%n", f.stats().meanLatencyMillis(), pacer.waited().toNanos() / 1e9, pacer.lowestAvailable());
    }

    private static ShopifySandbox sandbox() {
        return ShopifySandbox.builder().accessToken(TOKEN).costBucket(BUCKET, RESTORE_PER_SECOND).build().start();
    }

    private static ShopifyStorefront storefront(ShopifySandbox shop, CallStats stats) {
        URI graphql = URI.create(shop.graphqlUrl());
        return ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken(TOKEN)
                .listener(stats).build();
    }
}
