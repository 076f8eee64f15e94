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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Catalog sync of N patterns (one PDF each) to an {@link EtsySandbox} enforcing Etsy's 10 requests per second,
 * through the hub's {@link CatalogSync} with the storefront's default rate limiter: achieved request rate ÷
 * allowed rate, requests rejected for rate, and wall time against a naive sequential client (create listing,
 * attach file, one pattern after another, same storefront defaults) on a second sandbox in the same run. Then
 * resyncs with nothing changed and with 1% of titles changed: write calls ÷ minimal write calls. Arguments:
 * {@code [patterns]} (default 1,000: about ten minutes per client at 10/s).
 */
public final class SyncBench {
    private static final double ALLOWED_PER_SECOND = 10;

    private SyncBench() {
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args optional number of patterns
     * @throws IOException when the catalog folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path root = Files.createTempDirectory("bench-catalog");
        for (int i = 1; i <= n; i++) {
            writePattern(root, i, "Pattern " + i);
        }

        try (EtsySandbox etsy = sandbox(); HubStore store = HubStore.openSqlite(Files.createTempDirectory("bench-hub").resolve("hub.db"))) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = CatalogSync.builder(store)
                    .target(SyncTarget.builder("etsy", storefront(etsy)).currency("USD").build()).build();
            long start = System.nanoTime();
            SyncReport report = sync.apply();
            double hubSeconds = (System.nanoTime() - start) / 1e9;
            List<JournalEntry> calls = etsy.journal().entries();
            long throttled = calls.stream().filter(e -> e.status() == 429).count();
            if (report.result("etsy").completed() != n) {
                throw new IllegalStateException("hub synced " + report.result("etsy").completed() + " of " + n);
            }
            double rate = calls.size() / hubSeconds;
            System.out.printf("sync of %,d patterns (1 file each) to Etsy at %.0f/s%n", n, ALLOWED_PER_SECOND);
            System.out.printf("  hub CatalogSync: %,d requests in %.1f s = %.2f/s; achieved / allowed %.3f;"
                    + " rejected for rate: %d%n", calls.size(), hubSeconds, rate, rate / ALLOWED_PER_SECOND, throttled);

            double naiveSeconds = naive(n, root);
            System.out.printf("  wall time hub / naive: %.2f%n", hubSeconds / naiveSeconds);

            long mark = etsy.journal().size();
            if (!catalog.importFolder(root, true).isNoop()) {
                throw new IllegalStateException("an unchanged catalog imported as changed");
            }
            sync.apply();
            System.out.printf("  resync, nothing changed: %d write calls (minimal 0)%n", writesSince(etsy, mark));

            int changed = Math.max(1, n / 100);
            for (int i = 1; i <= changed; i++) {
                writePattern(root, i * (n / changed), "Renamed " + i);
            }
            catalog.importFolder(root, true);
            mark = etsy.journal().size();
            sync.apply();
            long writes = writesSince(etsy, mark);
            System.out.printf("  resync, %d titles changed: %d write calls; ratio to minimal %.2f%n", changed, writes,
                    (double) writes / changed);
        }
    }

    private static double naive(int n, Path root) {
        try (EtsySandbox etsy = sandbox()) {
            EtsyStorefront store = storefront(etsy);
            long start = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                var listing = store.createListing(ListingDraft.builder().sku(sku(i)).title("Pattern " + i)
                        .description("Generated pattern number " + i + ".").price(Money.of("5.00", "USD")).build());
                Path pdf = root.resolve(sku(i).toLowerCase()).resolve("pattern-" + i + ".pdf");
                store.attachFile(listing.externalId(), PatternFile.fromPath(pdf).build());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = etsy.journal().size();
            long throttled = etsy.journal().entries().stream().filter(e -> e.status() == 429).count();
            System.out.printf("  naive sequential: %,d requests in %.1f s = %.2f/s; rejected for rate: %d%n", calls,
                    seconds, calls / seconds, throttled);
            return seconds;
        }
    }

    private static long writesSince(EtsySandbox etsy, long mark) {
        List<JournalEntry> all = etsy.journal().entries();
        return all.subList((int) mark, all.size()).stream().filter(JournalEntry::isWrite).count();
    }

    private static EtsySandbox sandbox() {
        EtsySandbox etsy = EtsySandbox.builder().perSecondLimit((long) ALLOWED_PER_SECOND).perDayLimit(1_000_000)
                .validateRequests(false).validateResponses(false).storeFileContent(false).build();
        etsy.start();
        return etsy;
    }

    private static EtsyStorefront storefront(EtsySandbox etsy) {
        String token = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
        return EtsyStorefront.builder().shopId(etsy.defaultShopId()).apiKey(etsy.apiKey()).accessToken(token)
                .baseUrl(etsy.baseUrl()).taxonomyId(1L).shopCurrency("USD").build();
    }

    private static String sku(int i) {
        return String.format("GEN-%05d", i);
    }

    private static void writePattern(Path root, int i, String title) {
        try {
            Path dir = Files.createDirectories(root.resolve(sku(i).toLowerCase()));
            Files.writeString(dir.resolve("pattern-" + i + ".pdf"), "%PDF-1.4 A4 " + i, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("pattern.yaml"), String.join("\n",
                    "sku: " + sku(i),
                    "title: \"" + title + "\"",
                    "craft: sewing",
                    "description: |",
                    "  Generated pattern number " + i + ".",
                    "tags: [generated]",
                    "version: \"1.0\"",
                    "prices:",
                    "  USD: \"5.00\"",
                    "files:",
                    "  - path: pattern-" + i + ".pdf",
                    "    print_format: A4",
                    "    language: en",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
