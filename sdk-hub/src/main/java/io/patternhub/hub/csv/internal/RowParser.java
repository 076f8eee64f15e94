package io.patternhub.hub.csv.internal;

import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.csv.CsvMapping;
import io.patternhub.hub.csv.RejectedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one data row into typed values, collecting every problem of the row rather than stopping at
 * the first, so the seller fixes a row once.
 */
public final class RowParser {
    private final CsvMapping mapping;
    private final Cells cells;
    private final Map<String, Integer> index;
    private final List<String> header;

    /**
     * A parser for one file.
     *
     * @param mapping the mapping
     * @param header  the header cells, trimmed
     */
    public RowParser(CsvMapping mapping, List<String> header) {
        this.mapping = mapping;
        this.cells = new Cells(mapping);
        this.header = List.copyOf(header);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            idx.putIfAbsent(key(header.get(i)), i);
        }
        this.index = idx;
    }

    static String key(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the header has a column. */
    public boolean has(String column) {
        return index.containsKey(key(column));
    }

    /** The parse of one row: the values, or the problems. */
    public record Result(ParsedRow row, List<RejectedRow> problems) {
    }

    /**
     * Parses a row whose cell count matches the header.
     *
     * @param row the row
     * @return its values, or its problems
     */
    public Result parse(CsvRow row) {
        List<RejectedRow> problems = new ArrayList<>();
        String orderId = text(row, mapping.orderIdColumn()).orElse(null);
        Optional<String> id = Optional.ofNullable(orderId);
        Problems p = new Problems(row.line(), id, problems);
        if (orderId == null) {
            p.add(mapping.orderIdColumn(), "the order id is empty");
        }
        Instant date = p.required(row, mapping.dateColumn(), cells::date);
        Currency currency = mapping.currencyColumn().isPresent()
                ? p.required(row, mapping.currencyColumn().get(), Money::currency)
                : mapping.fixedCurrency().orElseThrow();
        Integer givenQuantity = mapping.quantityColumn().map(c -> p.optional(row, c, cells::quantity)).orElse(null);
        int quantity = givenQuantity == null ? 1 : givenQuantity;
        BigDecimal unitPrice = null;
        if (mapping.unitPriceColumn().isPresent()) {
            unitPrice = p.required(row, mapping.unitPriceColumn().get(), cells::amount);
        } else {
            String column = mapping.lineTotalColumn().orElseThrow();
            BigDecimal lineTotal = p.required(row, column, cells::amount);
            if (lineTotal != null) {
                try {
                    unitPrice = lineTotal.divide(BigDecimal.valueOf(quantity));
                } catch (ArithmeticException e) {
                    p.add(column, "the line total " + lineTotal.toPlainString() + " does not divide exactly by the"
                            + " quantity " + quantity + "; map a unit price column instead");
                }
            }
        }
        if (unitPrice != null && unitPrice.signum() < 0) {
            p.add(mapping.unitPriceColumn().or(mapping::lineTotalColumn).orElseThrow(),
                    "the price must not be negative, was " + unitPrice.toPlainString());
        }
        BigDecimal discount = mapping.discountColumn().map(c -> p.optional(row, c, cells::amount)).orElse(null);
        if (discount != null && discount.signum() < 0) {
            // Some exports write discounts as negative numbers; the sign carries no extra meaning.
            discount = discount.negate();
        }
        Optional<String> sku = mapping.skuColumn().flatMap(c -> text(row, c));
        Optional<String> title = mapping.titleColumn().flatMap(c -> text(row, c)).or(mapping::fixedTitle).or(() -> sku);
        if (title.isEmpty()) {
            p.add(mapping.titleColumn().or(mapping::skuColumn).orElse("title"),
                    "the line has no product title or SKU");
        }
        String email = mapping.buyerEmailColumn().flatMap(c -> text(row, c)).orElse(null);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            p.add(mapping.buyerEmailColumn().get(), "'" + email + "' is not an email address");
        }
        String country = mapping.buyerCountryColumn().map(c -> p.optional(row, c, Cells::country)).orElse(null);
        BigDecimal tax = mapping.taxColumn().map(c -> p.optional(row, c, cells::amount)).orElse(null);
        if (tax != null && tax.signum() < 0) {
            p.add(mapping.taxColumn().get(), "tax must not be negative, was " + tax.toPlainString());
        }
        Map<FeeKind, BigDecimal> fees = new EnumMap<>(FeeKind.class);
        mapping.feeColumns().forEach((kind, column) -> {
            BigDecimal fee = p.optional(row, column, cells::amount);
            if (fee != null) {
                // A fee column may hold the charge as a deduction (negative); the model wants a positive charge.
                fees.put(kind, fee.abs());
            }
        });
        BigDecimal refund = mapping.refundColumn().map(c -> p.optional(row, c, cells::amount)).orElse(null);
        if (refund != null) {
            refund = refund.abs();
        }
        Boolean refunded = mapping.refundedFlagColumn().map(c -> p.optional(row, c, Cells::flag)).orElse(null);
        Instant refundDate = mapping.refundDateColumn().map(c -> p.optional(row, c, cells::date)).orElse(null);
        BigDecimal total = mapping.totalColumn().map(c -> p.optional(row, c, cells::amount)).orElse(null);
        OrderStatus status = mapping.statusColumn().map(c -> p.optional(row, c, this::status)).orElse(null);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.putIfAbsent(header.get(i), row.values().get(i));
        }
        ParsedRow parsed = new ParsedRow(row.line(), orderId,
                mapping.orderNumberColumn().flatMap(c -> text(row, c)),
                mapping.lineIdColumn().flatMap(c -> text(row, c)), date, currency,
                mapping.buyerIdColumn().flatMap(c -> text(row, c)), Optional.ofNullable(email),
                mapping.buyerNameColumn().flatMap(c -> text(row, c)), Optional.ofNullable(country),
                sku, title.orElseThrow(), mapping.listingIdColumn().flatMap(c -> text(row, c)), quantity,
                unitPrice, Optional.ofNullable(discount), Optional.ofNullable(tax), fees,
                Optional.ofNullable(refund), refunded != null && refunded, Optional.ofNullable(refundDate),
                Optional.ofNullable(total), Optional.ofNullable(status), values);
        return new Result(parsed, List.of());
    }

    private OrderStatus status(String text) {
        OrderStatus status = mapping.statusValues().get(key(text));
        if (status == null) {
            throw new IllegalArgumentException("unknown status '" + text.strip() + "'; the mapping knows "
                    + mapping.statusValues().keySet());
        }
        return status;
    }

    private Optional<String> text(CsvRow row, String column) {
        String value = row.values().get(index.get(key(column)));
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Collects a row's problems while parsing its cells. */
    private final class Problems {
        private final long line;
        private final Optional<String> orderId;
        private final List<RejectedRow> out;

        Problems(long line, Optional<String> orderId, List<RejectedRow> out) {
            this.line = line;
            this.orderId = orderId;
            this.out = out;
        }

        void add(String column, String reason) {
            out.add(new RejectedRow(line, orderId, Optional.of(column), reason));
        }

        <T> T required(CsvRow row, String column, Function<String, T> parse) {
            Optional<String> text = text(row, column);
            if (text.isEmpty()) {
                add(column, "required value is empty");
                return null;
            }
            return parse(column, text.get(), parse);
        }

        <T> T optional(CsvRow row, String column, Function<String, T> parse) {
            return text(row, column).map(t -> parse(column, t, parse)).orElse(null);
        }

        private <T> T parse(String column, String text, Function<String, T> parse) {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException | PatternHubException e) {
                add(column, e.getMessage());
                return null;
            }
        }
    }
}
