package io.patternhub.accounting.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.accounting.reconcile.GoldenBooks.Books;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.ledger.PostingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Recorded reconciliation outputs for the {@link GoldenBooks} corpus, one JSON line per case in a
 * gzipped test resource: per posting mode the journals in their dry-run JSON form
 * ({@link ReconcileResult#toJson()}, amounts to the digit), the unsettled events and the period, or
 * the exception's type and message; and the sales report as CSV, or its exception.
 *
 * <p>The file was recorded from the batch engine that preceded streaming. It is regenerated only
 * after a deliberate change of output, by {@code RecordGoldenFiles}; review the diff.
 */
final class ReconcileGolden {
    static final String RESOURCE = "reconcile-golden.jsonl.gz";
    static final Path SOURCE = Path.of("src/test/resources/io/patternhub/accounting/reconcile", RESOURCE);

    private static final ObjectMapper JSON = PatternHubJson.newMapper();

    /** An engine under record or test: what it gives for a case's books. */
    interface Engine {
        ReconcileResult reconcile(Books books, PostingMode mode);

        SalesReport report(Books books);
    }

    /** The list API: {@code reconcile(input, mode[, period])} and {@code report(input, adSpend)}. */
    static final Engine LIST_API = new ReconcileGolden.Engine() {
        @Override
        public ReconcileResult reconcile(Books b, PostingMode mode) {
            return b.period() == null ? b.engine().reconcile(b.input(), mode)
                    : b.engine().reconcile(b.input(), mode, b.period());
        }

        @Override
        public SalesReport report(Books b) {
            return b.engine().report(b.input(), AdSpend.none());
        }
    };

    private ReconcileGolden() {
    }

    /** Everything the engine gives for one case, in the recorded form. */
    static ObjectNode record(Books books, Engine engine) {
        ObjectNode line = JSON.createObjectNode();
        line.put("case", books.index());
        for (PostingMode mode : PostingMode.values()) {
            line.set(mode.name(), outcome(() -> result(engine.reconcile(books, mode))));
        }
        line.set("report", outcome(() -> JSON.createObjectNode().put("csv", engine.report(books).toCsv())));
        return line;
    }

    private static ObjectNode result(ReconcileResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("period", result.period().map(Object::toString).orElse(null));
        try {
            node.set("journals", JSON.readTree(result.toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode unsettled = node.putArray("unsettled");
        for (UnsettledEvent u : result.unsettled()) {
            unsettled.addArray().add(u.channel().name()).add(u.orderId()).add(u.event()).add(u.at().toString());
        }
        return node;
    }

    private static ObjectNode outcome(Supplier<ObjectNode> run) {
        try {
            return run.get();
        } catch (PatternHubException e) {
            return JSON.createObjectNode().put("error", e.getClass().getName()).put("message", e.getMessage());
        }
    }

    /** The recorded lines, in case order. */
    static List<JsonNode> read() throws IOException {
        try (InputStream in = Objects.requireNonNull(ReconcileGolden.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }

    /** Records every case of the corpus with {@code engine} into {@code file}. */
    static void write(Path file, Engine engine) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)) {
                 {
                     def.setLevel(Deflater.BEST_COMPRESSION); // a smaller file in the repository
                 }
             };
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < GoldenBooks.CASES; i++) {
                writer.write(JSON.writeValueAsString(record(GoldenBooks.books(i), engine)));
                writer.write('\n');
            }
        }
    }
}
