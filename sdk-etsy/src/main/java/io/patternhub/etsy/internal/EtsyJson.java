package io.patternhub.etsy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Optional;

/** Reads the small value shapes Etsy repeats everywhere: Money objects, epoch seconds, ids. */
public final class EtsyJson {
    private EtsyJson() {
    }

    /**
     * An Etsy Money object ({@code {"amount":1234,"divisor":100,"currency_code":"EUR"}}) as an exact amount.
     *
     * @param node the Money object; missing or null gives empty
     * @return the amount
     */
    public static Optional<Money> money(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        JsonNode amount = node.path("amount");
        JsonNode divisor = node.path("divisor");
        String currency = node.path("currency_code").asText("");
        if (!amount.isIntegralNumber() || !divisor.isIntegralNumber() || currency.isBlank()) {
            throw malformed("a Money object needs integer amount and divisor and a currency_code, was " + node);
        }
        // Etsy sends divisor 0 for "no amount" in a few places; there is nothing exact to read.
        if (divisor.asLong() == 0) {
            if (amount.asLong() != 0) {
                throw malformed("Money with divisor 0 and non-zero amount: " + node);
            }
            return Optional.of(Money.zero(Money.currency(currency)));
        }
        return Optional.of(Money.ofFraction(amount.asLong(), divisor.asLong(), currency));
    }

    /** A required Money field. */
    public static Money requiredMoney(JsonNode parent, String field) {
        return money(parent.path(field)).orElseThrow(() -> malformed("missing Money field '" + field + "'"));
    }

    /** Epoch seconds from the first of the given fields that is present. */
    public static Optional<Instant> epochSeconds(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isIntegralNumber()) {
                try {
                    if (!v.canConvertToLong()) {
                        throw new java.time.DateTimeException("beyond a long");
                    }
                    return Optional.of(Instant.ofEpochSecond(v.asLong()));
                } catch (java.time.DateTimeException e) {
                    throw malformed("'" + f + "' is not a plausible Unix time: " + v.asText());
                }
            }
        }
        return Optional.empty();
    }

    /** A numeric id as text, or empty when absent or null. */
    public static Optional<String> id(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isIntegralNumber() || (v.isTextual() && !v.asText().isBlank())) {
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
     * The error for an Etsy payload that does not have the shape the spec promises.
     *
     * @param what what was wrong
     * @return the exception
     */
    public static ApiException malformed(String what) {
        return new ApiException("Etsy sent a payload that does not match its API description: " + what
                + ". This is an Etsy or SDK defect; report it.", ErrorContext.builder().platform(Platform.ETSY).build());
    }
}
