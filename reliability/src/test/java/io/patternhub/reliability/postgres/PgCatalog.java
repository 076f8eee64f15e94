package io.patternhub.reliability.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a catalog folder in the documented {@code pattern.yaml} format: N patterns with two small PDFs each. */
final class PgCatalog {
    static final int FILES_PER_PATTERN = 2;

    private PgCatalog() {
    }

    static String sku(int i) {
        return String.format("PG-%04d", i);
    }

    static Path write(Path root, int count) {
        try {
            for (int i = 1; i <= count; i++) {
                Path dir = Files.createDirectories(root.resolve(sku(i).toLowerCase()));
                String base = "pattern-" + i;
                Files.writeString(dir.resolve(base + "-a4.pdf"), "%PDF-1.4 A4 " + i, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(base + "-letter.pdf"), "%PDF-1.4 LETTER " + i, StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("pattern.yaml"), String.join("\n",
                        "sku: " + sku(i),
                        "title: \"Storm pattern " + i + "\"",
                        "craft: " + (i % 2 == 0 ? "knitting" : "sewing"),
                        "description: |",
                        "  Pattern number " + i + " of the two-instance storm.",
                        "tags: [storm, test" + (i % 5) + "]",
                        "version: \"1.0\"",
                        "change_notes: First version.",
                        "prices:",
                        "  USD: \"" + (5 + i % 7) + ".00\"",
                        "  EUR: \"" + (4 + i % 7) + ".50\"",
                        "files:",
                        "  - path: " + base + "-a4.pdf",
                        "    print_format: A4",
                        "    language: en",
                        "  - path: " + base + "-letter.pdf",
                        "    print_format: US_LETTER",
                        "    language: en",
                        ""), StandardCharsets.UTF_8);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
