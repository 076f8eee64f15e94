package io.patternhub.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The headers of a response, looked up without regard to case. Immutable. */
public final class ResponseHeaders {
    private static final ResponseHeaders EMPTY = new ResponseHeaders(Map.of());

    private final Map<String, List<String>> byLowerName;

    private ResponseHeaders(Map<String, List<String>> byLowerName) {
        this.byLowerName = byLowerName;
    }

    /** Copies {@code headers}; names are folded to lower case. */
    public static ResponseHeaders of(Map<String, ? extends List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
        copy.replaceAll((k, v) -> List.copyOf(v));
        return new ResponseHeaders(Collections.unmodifiableMap(copy));
    }

    public static ResponseHeaders empty() {
        return EMPTY;
    }

    /** The first value of header {@code name}. */
    public Optional<String> first(String name) {
        List<String> values = byLowerName.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of header {@code name}, in order. */
    public List<String> all(String name) {
        return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** All headers by lower-case name. */
    public Map<String, List<String>> asMap() {
        return byLowerName;
    }

    @Override
    public String toString() {
        return byLowerName.keySet().toString();
    }
}
