package io.patternhub.ravelry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Optional;

/** Small readers for Ravelry JSON: decimal strings, ids, dates. Stateless. */
public final class RavelryJson {
    /** RFC 3339 with a numeric offset, as {@code min_paid_date} wants: {@code YYYY-MM-DDTHH:mm:ss+HH:MM}. */
    private static final DateTimeFormatter RFC3339_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private RavelryJson() {
    }

    /** A decimal given as a JSON number or string; empty when absent, null or blank. */
    public static Optional<BigDecimal> decimal(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        String text = node.asText("").trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw malformed("'" + text + "' is not a decimal amount");
        }
    }

    /** A decimal in a currency; empty when the amount is absent. */
    public static Optional<Money> money(JsonNode node, Currency currency) {
        return decimal(node).map(d -> Money.of(d, currency));
    }

    /** An id field as text (numbers or strings); empty when absent or null. */
    public static Optional<String> id(JsonNode node, String field) {
        JsonNode n = node.path(field);
        if (n.isMissingNode() || n.isNull() || n.asText("").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(n.isNumber() ? n.bigIntegerValue().toString() : n.asText());
    }

    /** A non-blank text field. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    /**
     * A date or date-time: RFC 3339 / ISO with offset, Ravelry's {@code yyyy/MM/dd HH:mm:ss Z}, or a plain
     * date (midnight UTC).
     */
    public static Optional<Instant> instant(JsonNode node, String field) {
        Optional<String> text = text(node, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String v = text.get().trim();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(OffsetDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss xx"))
                        .toInstant());
            } catch (DateTimeParseException notSlashed) {
                try {
                    return Optional.of(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    throw malformed(field + " '" + v + "' is not a date");
                }
            }
        }
    }

    /** {@code t} as {@code min_paid_date} wants it, in UTC, rounded down to the second. */
    public static String rfc3339(Instant t) {
        return RFC3339_OFFSET.format(t.atOffset(ZoneOffset.UTC));
    }

    /** A response Ravelry should not have sent. */
    public static ApiException malformed(String what) {
        return new ApiException("Unexpected Ravelry response: " + what,
                ErrorContext.builder().platform(Platform.RAVELRY).build());
    }
}
