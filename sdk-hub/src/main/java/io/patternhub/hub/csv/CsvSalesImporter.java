package io.patternhub.hub.csv;

import io.patternhub.core.model.Order;
import io.patternhub.hub.csv.internal.CsvRow;
import io.patternhub.hub.csv.internal.CsvRowReader;
import io.patternhub.hub.csv.internal.OrderAssembler;
import io.patternhub.hub.csv.internal.ParsedRow;
import io.patternhub.hub.csv.internal.RowParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Imports sales from a shop's CSV export into normalized {@link Order}s ({@link io.patternhub.core.Platform#CSV},
 * external ids {@code <channel>:<order id>}), for shops without an API such as Creative Market.
 *
 * <pre>{@code
 * CsvSalesImporter importer = CsvSalesImporter.builder().mapping(CsvMappings.gumroad()).build();
 * ImportReport report = importer.importFile(Path.of("Sales.csv"));
 * report.orders().forEach(hub::ingest);            // good orders
 * report.rejected().forEach(System.err::println);  // "line 7 (order 1002), column "Price": ..."
 * }</pre>
 *
 * <p>Rows with the same order id form one order. A bad row rejects its whole order (so no order is
 * ever half imported); every other order is still imported. Rows left out on purpose are listed in
 * {@link ImportReport#skipped()}. Importing the same file twice yields equal orders with the same ids.
 * Immutable and thread-safe.
 */
public final class CsvSalesImporter {
    private final CsvMapping mapping;
    private final Charset charset;

    private CsvSalesImporter(Builder b) {
        this.mapping = Objects.requireNonNull(b.mapping, "mapping: give the CSV mapping of the shop's export");
        this.charset = b.charset;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CsvMapping mapping() {
        return mapping;
    }

    /**
     * Imports a file.
     *
     * @param file the CSV file, in the importer's charset (UTF-8 unless set); a byte order mark is ignored
     * @return the orders and the rejected and skipped rows
     * @throws CsvImportException if the file cannot be read, is not CSV, or lacks a mapped column
     */
    public ImportReport importFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return importFrom(in);
        } catch (IOException e) {
            throw new CsvImportException("could not read " + file, List.of(new RejectedRow(0, Optional.empty(),
                    Optional.empty(), e.toString())), e);
        }
    }

    /**
     * Imports from a stream, decoded with the importer's charset; the stream is not closed.
     *
     * @param in the file's bytes
     * @return the orders and the rejected and skipped rows
     * @throws CsvImportException if the file cannot be read, is not CSV, or lacks a mapped column
     */
    public ImportReport importFrom(InputStream in) {
        return importFrom(new InputStreamReader(in, charset));
    }

    /**
     * Imports from text; the reader is not closed.
     *
     * @param reader the file's text
     * @return the orders and the rejected and skipped rows
     * @throws CsvImportException if the file cannot be read, is not CSV, or lacks a mapped column
     */
    public ImportReport importFrom(Reader reader) {
        List<CsvRow> rows = new CsvRowReader(mapping.delimiter()).readAll(reader);
        List<SkippedRow> skipped = new ArrayList<>();
        int h = 0;
        while (h < rows.size() && rows.get(h).isBlank()) {
            skipped.add(new SkippedRow(rows.get(h).line(), "blank line before the header"));
            h++;
        }
        if (h == rows.size()) {
            throw new CsvImportException("the file has no header row", List.of(new RejectedRow(1, Optional.empty(),
                    Optional.empty(), "the file is empty; expected a header naming the columns")));
        }
        CsvRow headerRow = rows.get(h);
        List<String> header = headerRow.values().stream().map(String::strip).toList();
        RowParser parser = new RowParser(mapping, header);
        checkHeader(parser, headerRow.line());

        Map<String, List<ParsedRow>> groups = new LinkedHashMap<>();
        Map<String, List<RejectedRow>> badByOrder = new LinkedHashMap<>();
        List<RejectedRow> rejected = new ArrayList<>();
        long dataRows = 0;
        int ignoreIndex = mapping.ignoreColumn().map(c -> indexOf(header, c)).orElse(-1);
        for (CsvRow row : rows.subList(h + 1, rows.size())) {
            if (row.isBlank()) {
                skipped.add(new SkippedRow(row.line(), "blank line"));
                continue;
            }
            if (ignoreIndex >= 0 && ignoreIndex < row.values().size()
                    && mapping.ignoreValues().contains(row.values().get(ignoreIndex).strip())) {
                skipped.add(new SkippedRow(row.line(), "column \"" + mapping.ignoreColumn().orElseThrow() + "\" is '"
                        + row.values().get(ignoreIndex).strip() + "', which the mapping says to leave out"));
                continue;
            }
            dataRows++;
            if (row.values().size() != header.size()) {
                RejectedRow bad = new RejectedRow(row.line(), orderIdOf(row, header), Optional.empty(),
                        "the row has " + row.values().size() + " values but the header has " + header.size()
                                + " columns; check for a missing or extra delimiter or quote");
                rejected.add(bad);
                bad.orderId().ifPresent(id -> badByOrder.computeIfAbsent(id, k -> new ArrayList<>()).add(bad));
                continue;
            }
            RowParser.Result result = parser.parse(row);
            if (result.row() != null) {
                groups.computeIfAbsent(result.row().orderId(), k -> new ArrayList<>()).add(result.row());
            } else {
                rejected.addAll(result.problems());
                Optional<String> id = result.problems().get(0).orderId();
                id.ifPresent(o -> badByOrder.computeIfAbsent(o, k -> new ArrayList<>()).addAll(result.problems()));
            }
        }

        OrderAssembler assembler = new OrderAssembler(mapping);
        List<Order> orders = new ArrayList<>();
        for (Map.Entry<String, List<ParsedRow>> group : groups.entrySet()) {
            List<RejectedRow> bad = badByOrder.get(group.getKey());
            if (bad != null) {
                String lines = bad.stream().map(b -> String.valueOf(b.line())).distinct().reduce((a, b) -> a + ", " + b)
                        .orElse("");
                for (ParsedRow row : group.getValue()) {
                    rejected.add(new RejectedRow(row.line(), Optional.of(row.orderId()), Optional.empty(),
                            "another row of this order is bad (line " + lines + "); the whole order is left out"));
                }
                continue;
            }
            OrderAssembler.Result result = assembler.assemble(group.getValue());
            if (result.order() != null) {
                orders.add(result.order());
            } else {
                rejected.add(result.problem());
                for (ParsedRow row : group.getValue()) {
                    if (row.line() != result.problem().line()) {
                        rejected.add(new RejectedRow(row.line(), Optional.of(row.orderId()), Optional.empty(),
                                "another row of this order is bad (line " + result.problem().line()
                                        + "); the whole order is left out"));
                    }
                }
            }
        }
        rejected.sort(java.util.Comparator.comparingLong(RejectedRow::line));
        return new ImportReport(mapping, dataRows, orders, rejected, skipped);
    }

    private void checkHeader(RowParser parser, long line) {
        Set<String> missing = new LinkedHashSet<>();
        for (String column : mappedColumns()) {
            if (!parser.has(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            List<RejectedRow> problems = missing.stream().map(c -> new RejectedRow(line, Optional.empty(), Optional.of(c),
                    "the header has no such column; is this the right mapping ('" + mapping.name() + "') for the file?"))
                    .toList();
            throw new CsvImportException("the file lacks " + missing.size() + " column" + (missing.size() == 1 ? "" : "s")
                    + " the mapping '" + mapping.name() + "' needs", problems);
        }
    }

    private List<String> mappedColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(mapping.orderIdColumn());
        columns.add(mapping.dateColumn());
        List.of(mapping.orderNumberColumn(), mapping.lineIdColumn(), mapping.buyerIdColumn(),
                mapping.buyerEmailColumn(), mapping.buyerNameColumn(), mapping.buyerCountryColumn(),
                mapping.skuColumn(), mapping.titleColumn(), mapping.listingIdColumn(), mapping.quantityColumn(),
                mapping.unitPriceColumn(), mapping.lineTotalColumn(), mapping.currencyColumn(),
                mapping.discountColumn(), mapping.taxColumn(), mapping.refundColumn(), mapping.refundedFlagColumn(),
                mapping.refundDateColumn(), mapping.totalColumn(), mapping.statusColumn(), mapping.ignoreColumn())
                .forEach(c -> c.ifPresent(columns::add));
        columns.addAll(mapping.feeColumns().values());
        return columns;
    }

    private Optional<String> orderIdOf(CsvRow row, List<String> header) {
        int i = indexOf(header, mapping.orderIdColumn());
        if (i < 0 || i >= row.values().size() || row.values().get(i).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(row.values().get(i).strip());
    }

    private static int indexOf(List<String> header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(column.strip())) {
                return i;
            }
        }
        return -1;
    }

    /** Builds a {@link CsvSalesImporter}. */
    public static final class Builder {
        private CsvMapping mapping;
        private Charset charset = StandardCharsets.UTF_8;

        private Builder() {
        }

        /** Required: how the file's columns map onto orders. */
        public Builder mapping(CsvMapping mapping) {
            this.mapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** The charset of files and streams; UTF-8 unless set. */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        public CsvSalesImporter build() {
            return new CsvSalesImporter(this);
        }
    }
}
