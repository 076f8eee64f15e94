package io.patternhub.hub.csv;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The shipped mappings, and loading mappings from properties or from a YAML/JSON tree.
 *
 * <p>The file format, one key per setting (YAML and JSON nest the same keys: {@code column: {orderId: ...}}):
 *
 * <pre>
 * name = my-shop                      # for messages
 * channel = my-shop                   # required: prefixes external ids
 * delimiter = ,                       # or ; or \t
 * decimal.separator = ,               # default .
 * grouping.separator = .              # optional
 * number.locale = de-DE               # instead of the two above
 * column.orderId = Order ID           # required
 * column.orderNumber, column.lineId, column.buyerId, column.buyerEmail, column.buyerName,
 * column.buyerCountry, column.sku, column.title, column.listingId, column.quantity,
 * column.unitPrice, column.lineTotal, column.currency, column.discount, column.tax,
 * column.refund, column.refundedFlag, column.refundDate, column.total, column.status
 * column.date = Sale Date             # required
 * date.format = MM/dd/yy              # DateTimeFormatter pattern, or ISO (default)
 * date.zone = America/New_York        # default UTC
 * title.fixed = Creative Market sale  # when no title/SKU column
 * currency.fixed = USD                # when no currency column
 * tax.collectedBy = MARKETPLACE       # or SELLER (default)
 * prices.includeTax = false
 * column.fee.payment_processing = Fees   # any FeeKind in lower case
 * status.paid = Completed, Paid       # values meaning each OrderStatus
 * order.amounts = REPEATED            # or PER_ROW (default)
 * ignore.column = Purchase ID
 * ignore.values = Totals
 * </pre>
 */
public final class CsvMappings {
    private static final String RESOURCES = "/io/patternhub/hub/csv/";

    private CsvMappings() {
    }

    /** PatternHub's own template: one row per order line; see {@code CSV-IMPORT.md}. */
    public static CsvMapping generic() {
        return shipped("generic");
    }

    /** Creative Market sales (no public seller API; the column names are an assumption, see CSV-IMPORT.md). */
    public static CsvMapping creativeMarket() {
        return shipped("creative-market");
    }

    /** Gumroad's "Sales" CSV export (columns from Gumroad's open-source exporter). */
    public static CsvMapping gumroad() {
        return shipped("gumroad");
    }

    /** Payhip sales export (column names are an assumption, see CSV-IMPORT.md). */
    public static CsvMapping payhip() {
        return shipped("payhip");
    }

    /** Etsy's "Sold Orders" CSV, one row per order: a fallback when the Etsy API is not connected. */
    public static CsvMapping etsySoldOrders() {
        return shipped("etsy-sold-orders");
    }

    /**
     * A shipped mapping by name.
     *
     * @param name {@code generic}, {@code creative-market}, {@code gumroad}, {@code payhip} or {@code etsy-sold-orders}
     * @return the mapping
     * @throws ConfigurationException if no mapping has that name
     */
    public static CsvMapping shipped(String name) {
        String resource = RESOURCES + name + ".properties";
        try (InputStream in = CsvMappings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("no shipped CSV mapping named '" + name + "'; use generic, "
                        + "creative-market, gumroad, payhip or etsy-sold-orders", ErrorContext.empty());
            }
            return fromProperties(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("could not read " + resource + ": " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
    }

    /**
     * Reads a mapping from a properties file (UTF-8 reader).
     *
     * @param reader the file's text
     * @return the mapping
     * @throws ConfigurationException listing every unknown key and bad value
     */
    public static CsvMapping fromProperties(Reader reader) {
        Properties props = new Properties();
        try {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigurationException("could not read the CSV mapping: " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
        Map<String, String> flat = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> flat.put(k.trim(), props.getProperty(k)));
        return fromMap(flat);
    }

    /**
     * Reads a mapping from a JSON tree, e.g. one parsed from YAML with Jackson's {@code YAMLMapper} or
     * from JSON with {@code PatternHubJson.newMapper()}. Nested objects spell the dotted keys; lists
     * give several values.
     *
     * @param tree the mapping as an object
     * @return the mapping
     * @throws ConfigurationException listing every unknown key and bad value
     */
    public static CsvMapping fromTree(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new ConfigurationException("a CSV mapping must be an object of settings", ErrorContext.empty());
        }
        Map<String, String> flat = new TreeMap<>();
        flatten("", tree, flat);
        return fromMap(flat);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            out.put(prefix, String.join(",", values));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /**
     * Builds a mapping from flat keys as in the class description.
     *
     * @param settings keys and values
     * @return the mapping
     * @throws ConfigurationException listing every unknown key and bad value
     */
    public static CsvMapping fromMap(Map<String, String> settings) {
        CsvMapping.Builder b = CsvMapping.builder();
        List<ValidationError> errors = new ArrayList<>();
        String dateColumn = null;
        String dateFormat = null;
        String taxColumn = null;
        TaxCollector collector = TaxCollector.SELLER;
        String ignoreColumn = null;
        String[] ignoreValues = new String[0];
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            String key = e.getKey();
            String raw = e.getValue() == null ? "" : e.getValue();
            String value = raw.trim();
            try {
                switch (key) {
                    case "name" -> b.name(value);
                    case "channel" -> b.channel(value);
                    case "delimiter" -> b.delimiter(singleChar(key, raw.equals("\\t") || raw.equals("\t") ? "\t" : value));
                    case "decimal.separator", "grouping.separator", "number.locale" -> { }
                    case "column.orderId" -> b.orderIdColumn(value);
                    case "column.orderNumber" -> b.orderNumberColumn(value);
                    case "column.lineId" -> b.lineIdColumn(value);
                    case "column.date" -> dateColumn = value;
                    case "date.format" -> dateFormat = value;
                    case "date.zone" -> b.zone(ZoneId.of(value));
                    case "column.buyerId" -> b.buyerIdColumn(value);
                    case "column.buyerEmail" -> b.buyerEmailColumn(value);
                    case "column.buyerName" -> b.buyerNameColumn(value);
                    case "column.buyerCountry" -> b.buyerCountryColumn(value);
                    case "column.sku" -> b.skuColumn(value);
                    case "column.title" -> b.titleColumn(value);
                    case "title.fixed" -> b.fixedTitle(value);
                    case "column.listingId" -> b.listingIdColumn(value);
                    case "column.quantity" -> b.quantityColumn(value);
                    case "column.unitPrice" -> b.unitPriceColumn(value);
                    case "column.lineTotal" -> b.lineTotalColumn(value);
                    case "column.currency" -> b.currencyColumn(value);
                    case "currency.fixed" -> b.fixedCurrency(value.isEmpty() ? null : CsvMapping.currency(value));
                    case "column.discount" -> b.discountColumn(value);
                    case "column.tax" -> taxColumn = value;
                    case "tax.collectedBy" -> collector = TaxCollector.valueOf(value.toUpperCase(Locale.ROOT));
                    case "prices.includeTax" -> b.pricesIncludeTax(bool(key, value));
                    case "column.refund" -> b.refundColumn(value);
                    case "column.refundedFlag" -> b.refundedFlagColumn(value);
                    case "column.refundDate" -> b.refundDateColumn(value);
                    case "column.total" -> b.totalColumn(value);
                    case "column.status" -> b.statusColumn(value);
                    case "order.amounts" -> b.orderAmounts(CsvMapping.OrderAmounts.valueOf(value.toUpperCase(Locale.ROOT)));
                    case "ignore.column" -> ignoreColumn = value;
                    case "ignore.values" -> ignoreValues = value.split("\\s*,\\s*");
                    default -> {
                        if (key.startsWith("column.fee.")) {
                            b.feeColumn(FeeKind.valueOf(key.substring("column.fee.".length()).toUpperCase(Locale.ROOT)), value);
                        } else if (key.startsWith("status.")) {
                            OrderStatus status = OrderStatus.valueOf(key.substring("status.".length()).toUpperCase(Locale.ROOT));
                            for (String v : value.split("\\s*,\\s*")) {
                                if (!v.isBlank()) {
                                    b.status(v, status);
                                }
                            }
                        } else {
                            errors.add(new ValidationError(key, "unknown", "is not a CSV mapping setting"));
                        }
                    }
                }
            } catch (IllegalArgumentException | DateTimeException | PatternHubException ex) {
                errors.add(new ValidationError(key, "invalid", "'" + value + "': " + ex.getMessage()));
            }
        }
        try {
            numberFormat(b, settings);
        } catch (IllegalArgumentException ex) {
            errors.add(new ValidationError("decimal.separator", "invalid", ex.getMessage()));
        }
        b.dateColumn(dateColumn, dateFormat);
        if (taxColumn != null) {
            b.taxColumn(taxColumn, collector);
        }
        if (ignoreColumn != null) {
            b.ignoreRowsWhere(ignoreColumn, ignoreValues);
        }
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("the CSV mapping has bad settings:");
            errors.forEach(err -> sb.append("\n  ").append(err.field()).append(": ").append(err.message()));
            throw new ConfigurationException(sb.toString(), ErrorContext.builder().validationErrors(errors).build());
        }
        return b.build();
    }

    private static void numberFormat(CsvMapping.Builder b, Map<String, String> settings) {
        String locale = trimmed(settings.get("number.locale"));
        String decimal = trimmed(settings.get("decimal.separator"));
        String grouping = settings.get("grouping.separator");
        if (!locale.isEmpty()) {
            b.numberLocale(Locale.forLanguageTag(locale));
        }
        if (!decimal.isEmpty() || grouping != null) {
            char d = decimal.isEmpty() ? '.' : singleChar("decimal.separator", decimal);
            Character g = grouping == null || grouping.isEmpty() ? null
                    : singleChar("grouping.separator", grouping.isBlank() ? " " : grouping.trim());
            b.numberFormat(d, g);
        }
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    private static char singleChar(String key, String value) {
        if (value.length() != 1) {
            throw new IllegalArgumentException(key + " must be one character");
        }
        return value.charAt(0);
    }

    private static boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }
}
