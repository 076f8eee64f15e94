package io.patternhub.hub.csv.internal;

import io.patternhub.hub.csv.CsvMapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses cell texts strictly: an amount, a date or a country either reads exactly or fails with a
 * message a seller can act on ({@link IllegalArgumentException}). Immutable and thread-safe.
 */
public final class Cells {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> COUNTRY_NAMES = countryNames();

    private final char decimal;
    private final Pattern amountPattern;
    private final Character grouping;
    private final DateTimeFormatter dateFormat;
    private final ZoneId zone;

    public Cells(CsvMapping mapping) {
        this.decimal = mapping.decimalSeparator();
        this.grouping = mapping.groupingSeparator().orElse(null);
        String d = Pattern.quote(String.valueOf(decimal));
        String plain = "\\d+(?:" + d + "\\d+)?|" + d + "\\d+";
        String grouped = grouping == null ? "" : "|\\d{1,3}(?:" + Pattern.quote(String.valueOf(grouping))
                + "\\d{3})+(?:" + d + "\\d+)?";
        this.amountPattern = Pattern.compile("(?:" + plain + grouped + ")");
        this.dateFormat = CsvMapping.ISO_DATES.equals(mapping.dateFormat()) ? null
                : DateTimeFormatter.ofPattern(mapping.dateFormat(), Locale.ENGLISH);
        this.zone = mapping.zone();
    }

    /**
     * An exact amount. Accepts a sign or accounting parentheses, currency symbols and spaces around
     * the number, the mapping's decimal separator, and its grouping separator only between groups of
     * three digits ({@code 1,234.50} but not {@code 12,5} when the decimal separator is a point).
     *
     * @param text the cell, not blank
     * @return the amount with the scale written
     */
    public BigDecimal amount(String text) {
        String s = text.strip().replace('\u00A0', ' ').replace('\u202F', ' ');
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1).strip();
        }
        // Currency symbols before or after the number: "$12.00", "12,00 €", "-$5".
        s = s.replaceAll("^\\p{Sc}\\s*|\\s*\\p{Sc}$", "");
        if (s.startsWith("-") || s.startsWith("+")) {
            negative ^= s.startsWith("-");
            s = s.substring(1).strip();
        }
        s = s.replaceAll("^\\p{Sc}\\s*", "");
        if (grouping != null && grouping == ' ') {
            s = s.replace('\u00A0', ' ');
        }
        if (!amountPattern.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount (decimal separator '" + decimal
                    + "'" + (grouping == null ? ", no thousands separator" : ", thousands separator '" + grouping + "'")
                    + ")");
        }
        if (grouping != null) {
            s = s.replace(String.valueOf(grouping), "");
        }
        BigDecimal value = new BigDecimal(s.replace(decimal, '.'));
        return negative ? value.negate() : value;
    }

    /**
     * A point in time. A date without a time is the start of that day, and a time without an offset is
     * in the mapping's zone.
     *
     * @param text the cell, not blank
     * @return the instant
     */
    public Instant date(String text) {
        String s = text.strip();
        try {
            if (dateFormat == null) {
                return iso(s);
            }
            TemporalAccessor t = dateFormat.parseBest(s, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from, LocalDate::from);
            return toInstant(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date in the format "
                    + (dateFormat == null ? "ISO-8601 (2026-05-01 or 2026-05-01T10:15:00Z)" : "'" + patternText() + "'"));
        }
    }

    private String patternText() {
        return dateFormat.toString();
    }

    private Instant iso(String s) {
        if (s.length() <= 10) {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        }
        String t = s.replace(' ', 'T');
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t, ZonedDateTime::from,
                OffsetDateTime::from, LocalDateTime::from);
        return toInstant(parsed);
    }

    private Instant toInstant(TemporalAccessor t) {
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(zone).toInstant();
    }

    /**
     * A whole quantity of at least one.
     *
     * @param text the cell, not blank
     * @return the quantity
     */
    public int quantity(String text) {
        String s = text.strip();
        try {
            int q = Integer.parseInt(s);
            if (q < 1) {
                throw new IllegalArgumentException("quantity must be at least 1, was " + s);
            }
            return q;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole quantity");
        }
    }

    /**
     * An ISO 3166-1 alpha-2 code from a code or an English country name.
     *
     * @param text the cell, not blank
     * @return the upper-case code
     */
    public static String country(String text) {
        String s = text.strip();
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.length() == 2 && ISO_COUNTRIES.contains(upper)) {
            return upper;
        }
        String code = COUNTRY_NAMES.get(normalize(s));
        if (code == null) {
            throw new IllegalArgumentException("'" + text + "' is not a country code (ISO 3166-1 alpha-2) "
                    + "or an English country name");
        }
        return code;
    }

    /**
     * A yes/no cell: {@code 1}, {@code true}, {@code yes}, {@code y} are yes; {@code 0}, {@code false},
     * {@code no}, {@code n} and blank are no.
     *
     * @param text the cell
     * @return the flag
     */
    public static boolean flag(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "true", "yes", "y" -> true;
            case "", "0", "false", "no", "n" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not yes/no (1/0, true/false, yes/no)");
        };
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('&', 'a').replaceAll("[^\\p{L}]", "");
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            names.put(normalize(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        // Names exports commonly use that differ from the JDK's English names.
        names.put(normalize("United States of America"), "US");
        names.put(normalize("USA"), "US");
        names.put(normalize("UK"), "GB");
        names.put(normalize("Great Britain"), "GB");
        names.put(normalize("England"), "GB");
        names.put(normalize("Czech Republic"), "CZ");
        names.put(normalize("South Korea"), "KR");
        names.put(normalize("Russia"), "RU");
        names.put(normalize("The Netherlands"), "NL");
        return Map.copyOf(names);
    }
}
