package io.patternhub.core.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rate-limit state a platform reported on one response: its windows, any {@code Retry-After},
 * and the raw headers it was read from. Exposed on {@link ApiResponse#rateLimit()} and copied into
 * the {@code ErrorContext} of errors.
 *
 * @param windows    the windows the platform reported, shortest first
 * @param retryAfter how long the platform asked callers to wait, when it did
 * @param headers    the rate-limit headers as received, by lower-case name
 */
public record RateLimitStatus(List<RateLimitWindow> windows, Optional<Duration> retryAfter, Map<String, String> headers) {
    private static final RateLimitStatus NONE = new RateLimitStatus(List.of(), Optional.empty(), Map.of());

    public RateLimitStatus {
        windows = List.copyOf(windows);
        Objects.requireNonNull(retryAfter, "retryAfter");
        headers = Map.copyOf(headers);
    }

    /** Nothing reported. */
    public static RateLimitStatus none() {
        return NONE;
    }

    /** The window with this name. */
    public Optional<RateLimitWindow> window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** Whether anything was reported. */
    public boolean isEmpty() {
        return windows.isEmpty() && retryAfter.isEmpty() && headers.isEmpty();
    }
}
