package io.patternhub.benchmarks;

import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncReport;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Etsy half of {@link SyncBench}: {@link EtsySandbox} enforcing Etsy's 10 requests per second, the hub's
 * {@link CatalogSync} (default workers) through an {@link EtsyStorefront} with its default limiter, against a
 * naive sequential client (create listing, attach file, one pattern after another, same storefront defaults)
 * on a second sandbox. Prints the requests per route for both, from the sandboxes' journals.
 */
final class EtsySyncRun {
    private static final double ALLOWED_PER_SECOND = 10;

    private EtsySyncRun() {
    }

    static void run(int n, Path root, int workers) throws IOException {
        CallStats hubStats = new CallStats();
        try (EtsySandbox etsy = sandbox(); HubStore store = HubStore.openSqlite(Files.createTempDirectory("bench-hub").resolve("hub.db"))) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = SyncBench.hubSync(store,
                    SyncTarget.builder("etsy", storefront(etsy, hubStats)).currency("USD").build(), workers);
            long start = System.nanoTime();
            SyncReport report = sync.apply();
            double hubSeconds = (System.nanoTime() - start) / 1e9;
            List<JournalEntry> calls = etsy.journal().entries();
            if (report.result("etsy").completed() != n) {
                throw new IllegalStateException("hub synced " + report.result("etsy").completed() + " of " + n);
            }
            System.out.printf("sync of %,d patterns (1 file each) to Etsy at %.0f/s%n", n, ALLOWED_PER_SECOND);
            print("hub CatalogSync (" + (workers > 0 ? workers : "default") + " workers)", calls, hubSeconds, hubStats);

            CallStats naiveStats = new CallStats();
            List<JournalEntry> naiveCalls;
            double naiveSeconds;
            try (EtsySandbox other = sandbox()) {
                naiveSeconds = naive(n, root, storefront(other, naiveStats));
                naiveCalls = other.journal().entries();
            }
            print("naive sequential", naiveCalls, naiveSeconds, naiveStats);
            System.out.printf("  wall time hub / naive: %.2f%n", hubSeconds / naiveSeconds);
            SyncBench.printBreakdown("requests by route", SyncBench.countBy(calls, JournalEntry::routeKey),
                    SyncBench.countBy(naiveCalls, JournalEntry::routeKey));

            long mark = etsy.journal().size();
            if (!catalog.importFolder(root, true).isNoop()) {
                throw new IllegalStateException("an unchanged catalog imported as changed");
            }
            sync.apply();
            System.out.printf("  resync, nothing changed: %d write calls (minimal 0), %d requests%n",
                    writesSince(etsy, mark), etsy.journal().size() - mark);

            int changed = SyncBench.renameOnePercent(root, n);
            catalog.importFolder(root, true);
            mark = etsy.journal().size();
            sync.apply();
            long writes = writesSince(etsy, mark);
            System.out.printf("  resync, %d titles changed: %d write calls; ratio to minimal %.2f (%s)%n", changed,
                    writes, (double) writes / changed, SyncBench.describe(SyncBench.countBy(since(etsy, mark),
                            JournalEntry::routeKey)));
        }
    }

    private static void print(String who, List<JournalEntry> calls, double seconds, CallStats stats) {
        long throttled = calls.stream().filter(e -> e.status() == 429).count();
        double rate = calls.size() / seconds;
        System.out.printf("  %s: %,d requests in %.1f s = %.2f/s; achieved / allowed %.3f; rejected for rate: %d%n",
                who, calls.size(), seconds, rate, rate / ALLOWED_PER_SECOND, throttled);
        System.out.printf("    client side: mean latency %.1f ms; held back by the limiter %.1f s; answers with"
                + " x-remaining-this-second 0: %d%n", stats.meanLatencyMillis(), stats.heldBackSeconds(),
                stats.secondWindowSpent());
    }

    private static double naive(int n, Path root, EtsyStorefront store) {
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            var listing = store.createListing(ListingDraft.builder().sku(SyncBench.sku(i)).title("Pattern " + i)
                    .description("Generated pattern number " + i + ".").price(Money.of("5.00", "USD")).build());
            store.attachFile(listing.externalId(), PatternFile.fromPath(SyncBench.pdf(root, i)).build());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<JournalEntry> since(EtsySandbox etsy, long mark) {
        List<JournalEntry> all = etsy.journal().entries();
        return all.subList((int) mark, all.size());
    }

    private static long writesSince(EtsySandbox etsy, long mark) {
        return since(etsy, mark).stream().filter(JournalEntry::isWrite).count();
    }

    private static EtsySandbox sandbox() {
        EtsySandbox etsy = EtsySandbox.builder().perSecondLimit((long) ALLOWED_PER_SECOND).perDayLimit(1_000_000)
                .validateRequests(false).validateResponses(false).storeFileContent(false).build();
        etsy.start();
        return etsy;
    }

    private static EtsyStorefront storefront(EtsySandbox etsy, CallStats stats) {
        String token = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
        return EtsyStorefront.builder().shopId(etsy.defaultShopId()).apiKey(etsy.apiKey()).accessToken(token)
                .baseUrl(etsy.baseUrl()).taxonomyId(1L).shopCurrency("USD").transport(t -> t.listener(stats)).build();
    }
}
