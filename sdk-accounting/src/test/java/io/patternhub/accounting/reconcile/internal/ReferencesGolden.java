package io.patternhub.accounting.reconcile.internal;

import io.patternhub.core.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Recorded journal references (sale, refund, payout, settlement) of the former regex-based
 * reference builder for a fixed corpus of ids: plain numbers, Shopify GIDs, ids with an emoji,
 * slash and space, and arbitrary UTF-16 (lone surrogates included) up to 150 characters, so that
 * long references are cut and hashed. One gzipped line per case, the four references tab-separated.
 * Regenerated, from {@link #references}, only after a deliberate change, by {@code RecordGoldenFiles}.
 */
public final class ReferencesGolden {
    public static final int CASES = 600;
    public static final Path SOURCE = Path.of("src/test/resources/io/patternhub/accounting/reconcile/internal",
            "references-golden.txt.gz");
    private static final String RESOURCE = "references-golden.txt.gz";
    private static final long SEED = 0x5EED_4EF5L;

    /** What a reference is built from; the suffix is null for two months in three. */
    public record Case(Platform channel, String orderId, String refundId, YearMonth month, String suffix) {
    }

    private ReferencesGolden() {
    }

    /** Case {@code index} of the corpus, the same on every run and JDK. */
    public static Case of(int index) {
        Random r = new Random(SEED ^ index * 0x9E3779B97F4A7C15L); // spread: close seeds start alike
        Platform channel = Platform.values()[r.nextInt(Platform.values().length)];
        YearMonth month = YearMonth.of(r.nextInt(40_001) - 20_000, 1 + r.nextInt(12));
        return new Case(channel, id(r), id(r), month, month.getMonthValue() % 3 == 0 ? null : "GBP");
    }

    private static String id(Random r) {
        String plain = digits(r);
        return switch (r.nextInt(4)) {
            case 0 -> plain;
            case 1 -> "gid://shopify/Order/" + plain;
            case 2 -> plain + "\uD83E\uDDF6-" + plain + " /x";
            default -> anyChars(r);
        };
    }

    private static String digits(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(12); n > 0; n--) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** 1 to 150 UTF-16 units: a quarter printable ASCII, the rest any unit at all. */
    private static String anyChars(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(150); n > 0; n--) {
            sb.append(r.nextInt(4) == 0 ? (char) (' ' + r.nextInt(95)) : (char) r.nextInt(Character.MAX_VALUE + 1));
        }
        return sb.toString();
    }

    /** The sale, refund, payout and settlement references {@link References} gives for a case. */
    public static List<String> references(Case c) {
        return List.of(References.sale(c.channel(), c.orderId(), c.month(), c.suffix()),
                References.refund(c.channel(), c.orderId(), c.refundId(), c.month(), c.suffix()),
                References.payout(c.channel(), c.orderId(), c.month()),
                References.settlement(c.channel(), c.orderId(), c.month()));
    }

    /** The recorded references, one list of four per case. */
    public static List<List<String>> read() throws IOException {
        try (InputStream in = Objects.requireNonNull(ReferencesGolden.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            String text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(l -> List.of(l.split("\t", -1))).toList();
        }
    }

    /** Records the four references of every case into {@code file}. */
    public static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < CASES; i++) {
                writer.write(String.join("\t", references(of(i))));
                writer.write('\n');
            }
        }
    }
}
