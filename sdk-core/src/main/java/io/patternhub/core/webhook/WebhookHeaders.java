package io.patternhub.core.webhook;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The headers of a webhook delivery, looked up by name regardless of case (HTTP header names are
 * case-insensitive and servers and proxies change their case).
 *
 * <p>Build one from a map with {@link #of(Map)} or {@link #ofMultimap(Map)}, or adapt a server's own
 * request type with a lambda, e.g. {@code name -> Optional.ofNullable(request.getHeader(name))}.
 */
@FunctionalInterface
public interface WebhookHeaders {

    /**
     * The first value of the header called {@code name}, compared without regard to case.
     *
     * @param name the header name
     * @return the value, or empty when the header is absent
     */
    Optional<String> get(String name);

    /**
     * Headers from a single-valued map such as a framework's header map.
     *
     * @param headers header names to values; names in any case
     * @return a case-insensitive view
     */
    static WebhookHeaders of(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                byName.putIfAbsent(name, value);
            }
        });
        return name -> Optional.ofNullable(byName.get(name));
    }

    /**
     * Headers from a multi-valued map such as OkHttp's {@code Headers.toMultimap()} or Spring's
     * {@code HttpHeaders}; the first value of each header is used.
     *
     * @param headers header names to their values; names in any case
     * @return a case-insensitive view
     */
    static WebhookHeaders ofMultimap(Map<String, ? extends Collection<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                values.stream().filter(Objects::nonNull).findFirst()
                        .ifPresent(first -> byName.putIfAbsent(name, first));
            }
        });
        return name -> Optional.ofNullable(byName.get(name));
    }
}
