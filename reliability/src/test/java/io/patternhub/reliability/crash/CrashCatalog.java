package io.patternhub.reliability.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes a catalog folder (documented pattern.yaml format) of patterns with one small PDF each. */
final class CrashCatalog {
    private CrashCatalog() {
    }

    /** One pattern as the storefront must end up holding it. */
    record Expected(String sku, String title, BigDecimal priceUsd, String fileName, byte[] content) {
    }

    /**
     * @param root  the catalog folder
     * @param count how many patterns
     * @param seed  seeds the file contents, so a failing run can be repeated
     * @return what was written, in SKU order
     */
    static List<Expected> write(Path root, int count, long seed) {
        Random random = new Random(seed);
        List<Expected> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String sku = String.format("CRASH-%03d", i);
            String title = "Crash pattern " + i;
            BigDecimal price = new BigDecimal(5 + i % 9 + ".50");
            String fileName = "crash-" + i + ".pdf";
            // a few KB, different per file, so a swapped or truncated upload shows in the bytes
            byte[] body = new byte[2048 + random.nextInt(4096)];
            random.nextBytes(body);
            byte[] content = concat(("%PDF-1.4 pattern " + i + "\n").getBytes(StandardCharsets.US_ASCII), body);
            try {
                Path dir = Files.createDirectories(root.resolve(sku.toLowerCase()));
                Files.write(dir.resolve(fileName), content);
                Files.writeString(dir.resolve("pattern.yaml"), String.join("\n",
                        "sku: " + sku,
                        "title: \"" + title + "\"",
                        "craft: " + (i % 2 == 0 ? "knitting" : "sewing"),
                        "description: |",
                        "  Pattern " + i + " of the crash test catalog.",
                        "tags: [crash, test]",
                        "version: \"1.0\"",
                        "prices:",
                        "  USD: \"" + price.toPlainString() + "\"",
                        "files:",
                        "  - path: " + fileName,
                        "    print_format: A4",
                        "    size_range: \"XS-XL\"",
                        "    language: en",
                        ""), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(new Expected(sku, title, price, fileName, content));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
