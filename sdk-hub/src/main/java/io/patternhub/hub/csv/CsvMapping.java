package io.patternhub.hub.csv;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the columns of one shop's CSV export map onto a normalized order. Columns are named by their
 * header text (compared case-insensitively, surrounding spaces ignored). Immutable and thread-safe;
 * build one with {@link #builder()}, load one with {@link CsvMappings}, or start from a shipped one
 * and change it with {@link #toBuilder()}.
 *
 * <p>Every row is one line of an order; rows sharing an order id form one multi-line order.
 * Line-level columns (SKU, title, quantity, unit price or line total, discount) are read from every
 * row. Order-level amounts (tax, fees, refund, total) are summed over the rows of an order with
 * {@link OrderAmounts#PER_ROW}, or repeated on each row and taken once with {@link OrderAmounts#REPEATED}.
 *
 * <p>Required: an order id column, a date column, a unit price or line total column, a currency
 * (column or fixed), and a title, SKU or fixed title.
 */
public final class CsvMapping {

    /** How order-level amount columns behave when an order spans several rows. */
    public enum OrderAmounts {
        /** Each row carries its own share; the order's amount is the sum. */
        PER_ROW,
        /** Every row repeats the order's amount; rows that disagree are rejected. */
        REPEATED
    }

    /** The {@code date.format} value for ISO-8601 dates, with or without time and offset. */
    public static final String ISO_DATES = "ISO";

    private final String name;
    private final String channel;
    private final char delimiter;
    private final char decimalSeparator;
    private final Optional<Character> groupingSeparator;
    private final String orderIdColumn;
    private final Optional<String> orderNumberColumn;
    private final Optional<String> lineIdColumn;
    private final String dateColumn;
    private final String dateFormat;
    private final ZoneId zone;
    private final Optional<String> buyerIdColumn;
    private final Optional<String> buyerEmailColumn;
    private final Optional<String> buyerNameColumn;
    private final Optional<String> buyerCountryColumn;
    private final Optional<String> skuColumn;
    private final Optional<String> titleColumn;
    private final Optional<String> fixedTitle;
    private final Optional<String> listingIdColumn;
    private final Optional<String> quantityColumn;
    private final Optional<String> unitPriceColumn;
    private final Optional<String> lineTotalColumn;
    private final Optional<String> currencyColumn;
    private final Optional<Currency> fixedCurrency;
    private final Optional<String> discountColumn;
    private final Optional<String> taxColumn;
    private final TaxCollector taxCollectedBy;
    private final boolean pricesIncludeTax;
    private final Map<FeeKind, String> feeColumns;
    private final Optional<String> refundColumn;
    private final Optional<String> refundedFlagColumn;
    private final Optional<String> refundDateColumn;
    private final Optional<String> totalColumn;
    private final Optional<String> statusColumn;
    private final Map<String, OrderStatus> statusValues;
    private final OrderAmounts orderAmounts;
    private final Optional<String> ignoreColumn;
    private final Set<String> ignoreValues;

    private CsvMapping(Builder b) {
        this.name = b.name;
        this.channel = b.channel;
        this.delimiter = b.delimiter;
        this.decimalSeparator = b.decimalSeparator;
        this.groupingSeparator = Optional.ofNullable(b.groupingSeparator);
        this.orderIdColumn = b.orderIdColumn;
        this.orderNumberColumn = opt(b.orderNumberColumn);
        this.lineIdColumn = opt(b.lineIdColumn);
        this.dateColumn = b.dateColumn;
        this.dateFormat = b.dateFormat;
        this.zone = b.zone;
        this.buyerIdColumn = opt(b.buyerIdColumn);
        this.buyerEmailColumn = opt(b.buyerEmailColumn);
        this.buyerNameColumn = opt(b.buyerNameColumn);
        this.buyerCountryColumn = opt(b.buyerCountryColumn);
        this.skuColumn = opt(b.skuColumn);
        this.titleColumn = opt(b.titleColumn);
        this.fixedTitle = opt(b.fixedTitle);
        this.listingIdColumn = opt(b.listingIdColumn);
        this.quantityColumn = opt(b.quantityColumn);
        this.unitPriceColumn = opt(b.unitPriceColumn);
        this.lineTotalColumn = opt(b.lineTotalColumn);
        this.currencyColumn = opt(b.currencyColumn);
        this.fixedCurrency = Optional.ofNullable(b.fixedCurrency);
        this.discountColumn = opt(b.discountColumn);
        this.taxColumn = opt(b.taxColumn);
        this.taxCollectedBy = b.taxCollectedBy;
        this.pricesIncludeTax = b.pricesIncludeTax;
        this.feeColumns = Collections.unmodifiableMap(new EnumMap<>(b.feeColumns));
        this.refundColumn = opt(b.refundColumn);
        this.refundedFlagColumn = opt(b.refundedFlagColumn);
        this.refundDateColumn = opt(b.refundDateColumn);
        this.totalColumn = opt(b.totalColumn);
        this.statusColumn = opt(b.statusColumn);
        this.statusValues = Collections.unmodifiableMap(new LinkedHashMap<>(b.statusValues));
        this.orderAmounts = b.orderAmounts;
        this.ignoreColumn = opt(b.ignoreColumn);
        this.ignoreValues = Set.copyOf(b.ignoreValues);
    }

    private static Optional<String> opt(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this mapping's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.channel = channel;
        b.delimiter = delimiter;
        b.decimalSeparator = decimalSeparator;
        b.groupingSeparator = groupingSeparator.orElse(null);
        b.orderIdColumn = orderIdColumn;
        b.orderNumberColumn = orderNumberColumn.orElse(null);
        b.lineIdColumn = lineIdColumn.orElse(null);
        b.dateColumn = dateColumn;
        b.dateFormat = dateFormat;
        b.zone = zone;
        b.buyerIdColumn = buyerIdColumn.orElse(null);
        b.buyerEmailColumn = buyerEmailColumn.orElse(null);
        b.buyerNameColumn = buyerNameColumn.orElse(null);
        b.buyerCountryColumn = buyerCountryColumn.orElse(null);
        b.skuColumn = skuColumn.orElse(null);
        b.titleColumn = titleColumn.orElse(null);
        b.fixedTitle = fixedTitle.orElse(null);
        b.listingIdColumn = listingIdColumn.orElse(null);
        b.quantityColumn = quantityColumn.orElse(null);
        b.unitPriceColumn = unitPriceColumn.orElse(null);
        b.lineTotalColumn = lineTotalColumn.orElse(null);
        b.currencyColumn = currencyColumn.orElse(null);
        b.fixedCurrency = fixedCurrency.orElse(null);
        b.discountColumn = discountColumn.orElse(null);
        b.taxColumn = taxColumn.orElse(null);
        b.taxCollectedBy = taxCollectedBy;
        b.pricesIncludeTax = pricesIncludeTax;
        b.feeColumns.putAll(feeColumns);
        b.refundColumn = refundColumn.orElse(null);
        b.refundedFlagColumn = refundedFlagColumn.orElse(null);
        b.refundDateColumn = refundDateColumn.orElse(null);
        b.totalColumn = totalColumn.orElse(null);
        b.statusColumn = statusColumn.orElse(null);
        b.statusValues.putAll(statusValues);
        b.orderAmounts = orderAmounts;
        b.ignoreColumn = ignoreColumn.orElse(null);
        b.ignoreValues.addAll(ignoreValues);
        return b;
    }

    /** A short name for messages, e.g. {@code "gumroad"}. */
    public String name() {
        return name;
    }

    /**
     * The shop the file came from, e.g. {@code "creative-market"}: prefixes every external id (so two
     * shops' order 1001 stay apart) and is kept in each order's raw payload under {@code "channel"}.
     */
    public String channel() {
        return channel;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The decimal separator of amounts: {@code '.'} or {@code ','}. */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    /** The thousands separator amounts may use, if any; only accepted between groups of three digits. */
    public Optional<Character> groupingSeparator() {
        return groupingSeparator;
    }

    public String orderIdColumn() {
        return orderIdColumn;
    }

    public Optional<String> orderNumberColumn() {
        return orderNumberColumn;
    }

    public Optional<String> lineIdColumn() {
        return lineIdColumn;
    }

    public String dateColumn() {
        return dateColumn;
    }

    /** A {@link DateTimeFormatter} pattern, or {@link #ISO_DATES}. */
    public String dateFormat() {
        return dateFormat;
    }

    /** The zone of dates that carry no offset. */
    public ZoneId zone() {
        return zone;
    }

    public Optional<String> buyerIdColumn() {
        return buyerIdColumn;
    }

    public Optional<String> buyerEmailColumn() {
        return buyerEmailColumn;
    }

    public Optional<String> buyerNameColumn() {
        return buyerNameColumn;
    }

    /** A column holding an ISO 3166-1 alpha-2 code or an English country name. */
    public Optional<String> buyerCountryColumn() {
        return buyerCountryColumn;
    }

    public Optional<String> skuColumn() {
        return skuColumn;
    }

    public Optional<String> titleColumn() {
        return titleColumn;
    }

    /** The line title when the file names no product (order-level exports). */
    public Optional<String> fixedTitle() {
        return fixedTitle;
    }

    public Optional<String> listingIdColumn() {
        return listingIdColumn;
    }

    /** Quantity column; a blank or absent quantity means 1. */
    public Optional<String> quantityColumn() {
        return quantityColumn;
    }

    public Optional<String> unitPriceColumn() {
        return unitPriceColumn;
    }

    /** The line's price for all units before discount; the unit price is it divided by the quantity. */
    public Optional<String> lineTotalColumn() {
        return lineTotalColumn;
    }

    public Optional<String> currencyColumn() {
        return currencyColumn;
    }

    public Optional<Currency> fixedCurrency() {
        return fixedCurrency;
    }

    /** The discount on a line, a non-negative amount. */
    public Optional<String> discountColumn() {
        return discountColumn;
    }

    public Optional<String> taxColumn() {
        return taxColumn;
    }

    /** Who collected the tax in {@link #taxColumn()}: decides whether the seller owes it. */
    public TaxCollector taxCollectedBy() {
        return taxCollectedBy;
    }

    /** Whether prices already include the tax; if not, the computed total adds it. */
    public boolean pricesIncludeTax() {
        return pricesIncludeTax;
    }

    /** Fee columns by kind, amounts the platform charged the seller. */
    public Map<FeeKind, String> feeColumns() {
        return feeColumns;
    }

    public Optional<String> refundColumn() {
        return refundColumn;
    }

    /** A yes/no column ({@code 1}, {@code true}, {@code yes}) meaning the whole order was refunded. */
    public Optional<String> refundedFlagColumn() {
        return refundedFlagColumn;
    }

    /** When the refund happened; the order date when absent. */
    public Optional<String> refundDateColumn() {
        return refundDateColumn;
    }

    /** What the buyer paid, taxes included; computed from the lines and taxes when absent. */
    public Optional<String> totalColumn() {
        return totalColumn;
    }

    public Optional<String> statusColumn() {
        return statusColumn;
    }

    /** Status values (lower case) and what they mean; a value not listed rejects the row. */
    public Map<String, OrderStatus> statusValues() {
        return statusValues;
    }

    public OrderAmounts orderAmounts() {
        return orderAmounts;
    }

    /** A column whose listed values mark rows to leave out (e.g. a "Totals" summary row); reported, not dropped. */
    public Optional<String> ignoreColumn() {
        return ignoreColumn;
    }

    public Set<String> ignoreValues() {
        return ignoreValues;
    }

    @Override
    public String toString() {
        return "CsvMapping[" + name + ", channel " + channel + "]";
    }

    /** Builds a {@link CsvMapping}; {@link #build()} lists every missing or inconsistent setting at once. */
    public static final class Builder {
        private String name = "custom";
        private String channel;
        private char delimiter = ',';
        private char decimalSeparator = '.';
        private Character groupingSeparator;
        private String orderIdColumn;
        private String orderNumberColumn;
        private String lineIdColumn;
        private String dateColumn;
        private String dateFormat = ISO_DATES;
        private ZoneId zone = ZoneOffset.UTC;
        private String buyerIdColumn;
        private String buyerEmailColumn;
        private String buyerNameColumn;
        private String buyerCountryColumn;
        private String skuColumn;
        private String titleColumn;
        private String fixedTitle;
        private String listingIdColumn;
        private String quantityColumn;
        private String unitPriceColumn;
        private String lineTotalColumn;
        private String currencyColumn;
        private Currency fixedCurrency;
        private String discountColumn;
        private String taxColumn;
        private TaxCollector taxCollectedBy = TaxCollector.SELLER;
        private boolean pricesIncludeTax;
        private final Map<FeeKind, String> feeColumns = new EnumMap<>(FeeKind.class);
        private String refundColumn;
        private String refundedFlagColumn;
        private String refundDateColumn;
        private String totalColumn;
        private String statusColumn;
        private final Map<String, OrderStatus> statusValues = new LinkedHashMap<>();
        private OrderAmounts orderAmounts = OrderAmounts.PER_ROW;
        private String ignoreColumn;
        private final java.util.Set<String> ignoreValues = new java.util.LinkedHashSet<>();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Required: the shop the file came from, e.g. {@code "creative-market"}. */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Amount separators, e.g. {@code ','} and {@code '.'} for {@code 1.234,56}.
         *
         * @param decimal  the decimal separator
         * @param grouping the thousands separator, or {@code null} for none
         * @return this builder
         */
        public Builder numberFormat(char decimal, Character grouping) {
            this.decimalSeparator = decimal;
            this.groupingSeparator = grouping;
            return this;
        }

        /**
         * Amount separators as a locale writes them ({@code Locale.GERMANY}: {@code 1.234,56}).
         *
         * @param locale the locale
         * @return this builder
         */
        public Builder numberLocale(Locale locale) {
            java.text.DecimalFormatSymbols symbols = java.text.DecimalFormatSymbols.getInstance(locale);
            char grouping = symbols.getGroupingSeparator();
            // Some locales group with a no-break space; amounts in files use a plain or no-break space alike.
            return numberFormat(symbols.getDecimalSeparator(), Character.isSpaceChar(grouping) ? ' ' : grouping);
        }

        /** Required. */
        public Builder orderIdColumn(String column) {
            this.orderIdColumn = column;
            return this;
        }

        public Builder orderNumberColumn(String column) {
            this.orderNumberColumn = column;
            return this;
        }

        public Builder lineIdColumn(String column) {
            this.lineIdColumn = column;
            return this;
        }

        /**
         * Required: the order date.
         *
         * @param column the column
         * @param format a {@link DateTimeFormatter} pattern such as {@code "MM/dd/yy"}, or {@link #ISO_DATES}
         * @return this builder
         */
        public Builder dateColumn(String column, String format) {
            this.dateColumn = column;
            this.dateFormat = format == null || format.isBlank() ? ISO_DATES : format;
            return this;
        }

        /** The zone of dates without an offset; UTC unless set. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public Builder buyerIdColumn(String column) {
            this.buyerIdColumn = column;
            return this;
        }

        public Builder buyerEmailColumn(String column) {
            this.buyerEmailColumn = column;
            return this;
        }

        public Builder buyerNameColumn(String column) {
            this.buyerNameColumn = column;
            return this;
        }

        public Builder buyerCountryColumn(String column) {
            this.buyerCountryColumn = column;
            return this;
        }

        public Builder skuColumn(String column) {
            this.skuColumn = column;
            return this;
        }

        public Builder titleColumn(String column) {
            this.titleColumn = column;
            return this;
        }

        public Builder fixedTitle(String title) {
            this.fixedTitle = title;
            return this;
        }

        public Builder listingIdColumn(String column) {
            this.listingIdColumn = column;
            return this;
        }

        public Builder quantityColumn(String column) {
            this.quantityColumn = column;
            return this;
        }

        public Builder unitPriceColumn(String column) {
            this.unitPriceColumn = column;
            return this;
        }

        public Builder lineTotalColumn(String column) {
            this.lineTotalColumn = column;
            return this;
        }

        public Builder currencyColumn(String column) {
            this.currencyColumn = column;
            return this;
        }

        /** The currency of every amount when the file has no currency column. */
        public Builder fixedCurrency(Currency currency) {
            this.fixedCurrency = currency;
            return this;
        }

        public Builder discountColumn(String column) {
            this.discountColumn = column;
            return this;
        }

        /**
         * The tax column and who collected that tax.
         *
         * @param column      the column
         * @param collectedBy the marketplace (not the seller's liability) or the seller
         * @return this builder
         */
        public Builder taxColumn(String column, TaxCollector collectedBy) {
            this.taxColumn = column;
            this.taxCollectedBy = Objects.requireNonNull(collectedBy, "collectedBy");
            return this;
        }

        public Builder pricesIncludeTax(boolean included) {
            this.pricesIncludeTax = included;
            return this;
        }

        public Builder feeColumn(FeeKind kind, String column) {
            Objects.requireNonNull(kind, "kind");
            if (column == null || column.isBlank()) {
                feeColumns.remove(kind);
            } else {
                feeColumns.put(kind, column.trim());
            }
            return this;
        }

        public Builder refundColumn(String column) {
            this.refundColumn = column;
            return this;
        }

        public Builder refundedFlagColumn(String column) {
            this.refundedFlagColumn = column;
            return this;
        }

        public Builder refundDateColumn(String column) {
            this.refundDateColumn = column;
            return this;
        }

        public Builder totalColumn(String column) {
            this.totalColumn = column;
            return this;
        }

        public Builder statusColumn(String column) {
            this.statusColumn = column;
            return this;
        }

        /**
         * Declares what a status value means, e.g. {@code status("Completed", OrderStatus.PAID)}.
         *
         * @param value  the text in the status column (case-insensitive)
         * @param status its meaning
         * @return this builder
         */
        public Builder status(String value, OrderStatus status) {
            statusValues.put(value.trim().toLowerCase(Locale.ROOT), Objects.requireNonNull(status, "status"));
            return this;
        }

        public Builder orderAmounts(OrderAmounts orderAmounts) {
            this.orderAmounts = Objects.requireNonNull(orderAmounts, "orderAmounts");
            return this;
        }

        /**
         * Rows to leave out, reported in {@link ImportReport#skipped()}: e.g. a summary row whose first
         * column reads {@code "Totals"}.
         *
         * @param column the column to look at
         * @param values the values (exact, after trimming) that mark such a row
         * @return this builder
         */
        public Builder ignoreRowsWhere(String column, String... values) {
            this.ignoreColumn = column;
            this.ignoreValues.clear();
            for (String v : values) {
                ignoreValues.add(v.trim());
            }
            return this;
        }

        /**
         * Builds the mapping.
         *
         * @return the mapping
         * @throws ConfigurationException listing every missing or inconsistent setting
         */
        public CsvMapping build() {
            List<ValidationError> errors = new ArrayList<>();
            require(errors, "channel", channel);
            require(errors, "column.orderId", orderIdColumn);
            require(errors, "column.date", dateColumn);
            if (blank(unitPriceColumn) && blank(lineTotalColumn)) {
                errors.add(new ValidationError("column.unitPrice", "missing",
                        "name a unit price column or a line total column"));
            }
            if (blank(currencyColumn) && fixedCurrency == null) {
                errors.add(new ValidationError("currency", "missing",
                        "name a currency column or give a fixed currency"));
            }
            if (blank(titleColumn) && blank(skuColumn) && blank(fixedTitle)) {
                errors.add(new ValidationError("column.title", "missing",
                        "name a title or SKU column, or give a fixed title"));
            }
            if (decimalSeparator != '.' && decimalSeparator != ',') {
                errors.add(new ValidationError("decimal.separator", "invalid",
                        "must be '.' or ',', was '" + decimalSeparator + "'"));
            }
            if (groupingSeparator != null && groupingSeparator == decimalSeparator) {
                errors.add(new ValidationError("grouping.separator", "invalid",
                        "must differ from the decimal separator '" + decimalSeparator + "'"));
            }
            if (!ISO_DATES.equals(dateFormat)) {
                try {
                    DateTimeFormatter.ofPattern(dateFormat, Locale.ENGLISH);
                } catch (IllegalArgumentException e) {
                    errors.add(new ValidationError("date.format", "invalid",
                            "'" + dateFormat + "' is not a date pattern: " + e.getMessage()));
                }
            }
            if (!blank(ignoreColumn) && ignoreValues.isEmpty()) {
                errors.add(new ValidationError("ignore.values", "missing",
                        "give the values of " + ignoreColumn + " that mark rows to leave out"));
            }
            if (!errors.isEmpty()) {
                StringBuilder sb = new StringBuilder("CSV mapping '" + name + "' is incomplete:");
                errors.forEach(e -> sb.append("\n  ").append(e.field()).append(": ").append(e.message()));
                throw new ConfigurationException(sb.toString(),
                        ErrorContext.builder().validationErrors(errors).build());
            }
            return new CsvMapping(this);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static void require(List<ValidationError> errors, String field, String value) {
            if (blank(value)) {
                errors.add(new ValidationError(field, "missing", "is required"));
            }
        }
    }

    /** Used by {@link CsvMappings} to validate currency codes the same way as amounts. */
    static Currency currency(String code) {
        return Money.currency(code);
    }
}
