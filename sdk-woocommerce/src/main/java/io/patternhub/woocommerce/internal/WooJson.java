package io.patternhub.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Optional;

/** Reads WooCommerce's value shapes: decimal strings, GMT dates without offset, ids. Thread-safe. */
public final class WooJson {
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private WooJson() {
    }

    /**
     * A decimal amount ({@code "6.00"}, or a number) in a currency; empty when absent or blank.
     *
     * @param node     the value
     * @param currency the currency
     * @return the amount
     */
    public static Optional<Money> money(JsonNode node, Currency currency) {
        if (node == null || node.isMissingNode() || node.isNull() || node.asText("").isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Money.of(new BigDecimal(node.asText().trim()), currency));
        } catch (NumberFormatException e) {
            throw malformed("'" + node.asText() + "' is not a decimal amount");
        }
    }

    /** A required amount; zero when absent. */
    public static Money moneyOrZero(JsonNode node, Currency currency) {
        return money(node, currency).orElseGet(() -> Money.zero(currency));
    }

    /**
     * A {@code *_gmt} date ({@code 2017-03-22T19:28:02}, no offset, GMT).
     *
     * @param node   the object
     * @param fields the fields to try, in order
     * @return the instant
     */
    public static Optional<Instant> gmt(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isTextual() && !v.asText().isBlank()) {
                try {
                    return Optional.of(LocalDateTime.parse(v.asText()).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw malformed(f + " '" + v.asText() + "' is not a date");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An instant as WooCommerce's date parameters take it with {@code dates_are_gmt=true}.
     *
     * @param t the instant (sub-second parts are dropped)
     * @return {@code yyyy-MM-ddTHH:mm:ss}
     */
    public static String gmtParam(Instant t) {
        return WP_DATE.format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC));
    }

    /** A numeric id as text, or empty when absent or 0. */
    public static Optional<String> id(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if ((v.isIntegralNumber() && v.asLong() != 0) || (v.isTextual() && !v.asText().isBlank())) {
            return Optional.of(v.asText());
        }
        return Optional.empty();
    }

    /** A non-blank text field, or empty. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * The error for a payload that does not have the documented shape.
     *
     * @param what what was wrong
     * @return the exception
     */
    public static ApiException malformed(String what) {
        return new ApiException("WooCommerce sent a payload that does not match its API documentation: " + what
                + ". This is a WooCommerce (or plugin) or SDK defect; report it.",
                ErrorContext.builder().platform(Platform.WOOCOMMERCE).build());
    }
}
