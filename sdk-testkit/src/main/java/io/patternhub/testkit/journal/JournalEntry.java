package io.patternhub.testkit.journal;

import io.patternhub.core.error.ValidationError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request a sandbox received.
 *
 * @param sequence 1 for the first request, then 2, 3...
 * @param receivedAt when it arrived, by the sandbox clock
 * @param method the HTTP method
 * @param path the encoded path without the query
 * @param routeTemplate the template of the matched route, when one matched
 * @param query the decoded query parameters
 * @param headers the request headers
 * @param bodySize the request body size in bytes
 * @param status the status the sandbox produced (even if a fault kept it from the client)
 * @param fault the injected fault, when one was
 * @param throttledBy the limiter that throttled the request, when one did
 * @param validationErrors what failed validation; empty when validation passed or did not run
 * @param handled whether the route handler ran (and could change state)
 */
public record JournalEntry(long sequence, Instant receivedAt, String method, String path,
        Optional<String> routeTemplate, Map<String, List<String>> query, Map<String, String> headers,
        long bodySize, int status, Optional<String> fault, Optional<String> throttledBy,
        List<ValidationError> validationErrors, boolean handled) {

    /** Whether the method changes state (anything but GET, HEAD and OPTIONS). */
    public boolean isWrite() {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    /** {@code "METHOD template"}, or {@code "METHOD path"} when no route matched. */
    public String routeKey() {
        return method + " " + routeTemplate.orElse(path);
    }
}
