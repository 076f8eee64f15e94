package io.patternhub.benchmarks;

import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Catalog sync of N patterns (one PDF each) through the hub's {@code CatalogSync} to storefront sandboxes
 * running at the platforms' real limits, against a naive sequential client on a second sandbox in the same
 * run, then resyncs with nothing changed and with 1% of titles changed (write calls ÷ minimal write calls).
 * Arguments, in any order: the platform {@code etsy}, {@code shopify} or {@code both} (default), the number
 * of patterns (default 1,000: about 15 minutes for Etsy at 10 requests/s, a few minutes for Shopify), and
 * {@code workers=N} for the hub's workers per storefront (default: {@code CatalogSync}'s own default).
 *
 * @see EtsySyncRun
 * @see ShopifySyncRun
 */
public final class SyncBench {
    private SyncBench() {
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args {@code [etsy|shopify|both] [patterns] [workers=N]}
     * @throws IOException when the catalog folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        String platform = "both";
        int n = 1_000;
        int workers = 0; // 0: CatalogSync's default
        for (String arg : args) {
            if (arg.matches("workers=\\d+")) {
                workers = Integer.parseInt(arg.substring("workers=".length()));
            } else if (arg.matches("\\d+")) {
                n = Integer.parseInt(arg);
            } else {
                platform = arg.toLowerCase(Locale.ROOT);
            }
        }
        if (n < 1 || workers < 0 || !(platform.equals("etsy") || platform.equals("shopify") || platform.equals("both"))) {
            throw new IllegalArgumentException("Usage: sync [etsy|shopify|both] [patterns >= 1] [workers=N]; got "
                    + String.join(" ", args));
        }
        if (!platform.equals("shopify")) {
            EtsySyncRun.run(n, catalogFolder(n), workers);
        }
        if (!platform.equals("etsy")) {
            ShopifySyncRun.run(n, catalogFolder(n), workers);
        }
    }

    /** The hub's sync over one target, with {@code workers} per storefront unless 0. */
    static CatalogSync hubSync(HubStore store, SyncTarget target, int workers) {
        CatalogSync.Builder b = CatalogSync.builder(store).target(target);
        if (workers > 0) {
            b.workersPerStorefront(workers);
        }
        return b.build();
    }

    /** A fresh catalog folder of N patterns, one small PDF each. */
    static Path catalogFolder(int n) throws IOException {
        Path root = Files.createTempDirectory("bench-catalog");
        for (int i = 1; i <= n; i++) {
            writePattern(root, i, "Pattern " + i);
        }
        return root;
    }

    /** Renames 1% of the patterns (at least one, spread over the catalog); returns how many. */
    static int renameOnePercent(Path root, int n) {
        int changed = Math.max(1, n / 100);
        for (int i = 1; i <= changed; i++) {
            writePattern(root, i * (n / changed), "Renamed " + i);
        }
        return changed;
    }

    static String sku(int i) {
        return String.format("GEN-%05d", i);
    }

    static Path pdf(Path root, int i) {
        return root.resolve(sku(i).toLowerCase(Locale.ROOT)).resolve("pattern-" + i + ".pdf");
    }

    /** Counts per key, sorted by key, for the per-call breakdowns. */
    static <T> Map<String, Long> countBy(Iterable<T> items, Function<T, String> key) {
        Map<String, Long> out = new TreeMap<>();
        items.forEach(item -> out.merge(key.apply(item), 1L, Long::sum));
        return out;
    }

    /** Prints two breakdowns side by side, with the difference. */
    static void printBreakdown(String what, Map<String, Long> hub, Map<String, Long> naive) {
        System.out.printf("  %s (hub | naive | hub - naive):%n", what);
        Map<String, Long> keys = new TreeMap<>(hub);
        naive.keySet().forEach(k -> keys.putIfAbsent(k, 0L));
        for (String k : keys.keySet()) {
            long h = hub.getOrDefault(k, 0L);
            long b = naive.getOrDefault(k, 0L);
            System.out.printf("    %-58s %7d | %7d | %+d%n", k, h, b, h - b);
        }
    }

    static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void writePattern(Path root, int i, String title) {
        try {
            Path dir = Files.createDirectories(root.resolve(sku(i).toLowerCase(Locale.ROOT)));
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
