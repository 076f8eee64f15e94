package io.patternhub.testkit.shopify.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The part of Shopify's search syntax the sandbox understands: space-separated (AND) terms
 * {@code key:value} with optional comparators ({@code updated_at:>=2025-01-01T00:00:00Z}), values
 * optionally quoted. A key the sandbox does not know is an error, not silently ignored.
 */
final class SearchQuery {
    private record Term(String key, String op, String value) {
    }

    private final List<Term> terms;

    private SearchQuery(List<Term> terms) {
        this.terms = terms;
    }

    static SearchQuery parse(String query, Set<String> allowedKeys) {
        List<Term> terms = new ArrayList<>();
        if (query == null || query.isBlank()) {
            return new SearchQuery(terms);
        }
        for (String token : tokens(query)) {
            if (token.equalsIgnoreCase("AND")) {
                continue;
            }
            int colon = token.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("The Shopify sandbox supports only key:value search terms, not '"
                        + token + "'");
            }
            String key = token.substring(0, colon);
            String rest = token.substring(colon + 1);
            String op = "=";
            for (String candidate : List.of(">=", "<=", ">", "<")) {
                if (rest.startsWith(candidate)) {
                    op = candidate;
                    rest = rest.substring(candidate.length());
                    break;
                }
            }
            if (!allowedKeys.contains(key)) {
                throw new IllegalArgumentException("The Shopify sandbox does not support the search key '" + key
                        + "'; supported: " + allowedKeys);
            }
            terms.add(new Term(key, op, unquote(rest)));
        }
        return new SearchQuery(terms);
    }

    /**
     * Whether an item matches every term.
     *
     * @param fields the item's searchable values by key: {@code Instant} for dates, {@code List} for multi-valued, else text
     * @return true when it matches
     */
    boolean matches(Function<String, Object> fields) {
        for (Term term : terms) {
            Object value = fields.apply(term.key());
            if (!matches(term, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Term term, Object value) {
        if (value instanceof Instant instant) {
            Instant bound = instant(term.value());
            int c = instant.compareTo(bound);
            return switch (term.op()) {
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
        }
        if (value instanceof Number number) {
            long left = number.longValue();
            long right = Long.parseLong(term.value());
            return switch (term.op()) {
                case ">=" -> left >= right;
                case "<=" -> left <= right;
                case ">" -> left > right;
                case "<" -> left < right;
                default -> left == right;
            };
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(v -> String.valueOf(v).equalsIgnoreCase(term.value()));
        }
        return value != null && String.valueOf(value).equalsIgnoreCase(term.value());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("Not a date in a search term: '" + text + "'");
                }
            }
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : query.toCharArray()) {
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
