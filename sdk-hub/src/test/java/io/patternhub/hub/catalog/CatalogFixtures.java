package io.patternhub.hub.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes catalog folders in the documented pattern.yaml format, for tests. */
public final class CatalogFixtures {
    /** The sample catalog shipped with the examples (12 patterns). */
    public static final Path SAMPLE = Path.of("../examples/src/main/resources/io/patternhub/examples/sample-catalog");

    private CatalogFixtures() {
    }

    public static String sku(int i) {
        return String.format("GEN-%04d", i);
    }

    /**
     * Writes {@code count} pattern folders, each with two small PDFs (A4 and US Letter).
     *
     * @param root  the catalog folder
     * @param count how many patterns
     * @return the root
     */
    public static Path write(Path root, int count) {
        for (int i = 1; i <= count; i++) {
            writePattern(root, i, "Pattern " + i, "1.0");
        }
        return root;
    }

    /**
     * Writes (or rewrites) one pattern folder.
     *
     * @param root    the catalog folder
     * @param i       the pattern number
     * @param title   its title
     * @param version its version; the files' content includes it, so a new version means new files
     */
    public static void writePattern(Path root, int i, String title, String version) {
        try {
            Path dir = Files.createDirectories(root.resolve(sku(i).toLowerCase()));
            String base = "pattern-" + i;
            Files.writeString(dir.resolve(base + "-a4.pdf"), "%PDF-1.4 A4 " + i + " v" + version, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(base + "-letter.pdf"), "%PDF-1.4 LETTER " + i + " v" + version,
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("pattern.yaml"), String.join("\n",
                    "sku: " + sku(i),
                    "title: \"" + title + "\"",
                    "craft: " + (i % 2 == 0 ? "knitting" : "sewing"),
                    "description: |",
                    "  Generated pattern number " + i + ".",
                    "tags: [generated, test" + (i % 5) + "]",
                    "version: \"" + version + "\"",
                    "change_notes: Version " + version + ".",
                    "prices:",
                    "  USD: \"" + (5 + i % 7) + ".00\"",
                    "  EUR: \"" + (4 + i % 7) + ".50\"",
                    "files:",
                    "  - path: " + base + "-a4.pdf",
                    "    print_format: A4",
                    "    size_range: \"XS-XL\"",
                    "    language: en",
                    "  - path: " + base + "-letter.pdf",
                    "    print_format: US_LETTER",
                    "    size_range: \"XS-XL\"",
                    "    language: en",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
