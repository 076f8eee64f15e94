package io.patternhub.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a platform's rate-limit headers into a {@link RateLimitStatus}. The transport's rate limiter
 * adapts to what it returns (a window with nothing remaining pauses callers until it refills).
 * Implementations must be stateless or thread-safe.
 */
@FunctionalInterface
public interface RateLimitHeaderReader {

    /**
     * @param headers the response headers
     * @param now     the time the response arrived, to turn an HTTP-date into a wait
     * @return what the headers say; {@link RateLimitStatus#none()} when they say nothing
     */
    RateLimitStatus read(ResponseHeaders headers, Instant now);

    /** Reads only the standard {@code Retry-After} header; the default. */
    static RateLimitHeaderReader retryAfterOnly() {
        return (headers, now) -> new Collector(headers, now).build();
    }

    /**
     * Etsy Open API v3: {@code x-limit-per-second}, {@code x-remaining-this-second},
     * {@code x-limit-per-day}, {@code x-remaining-today} and {@code retry-after}.
     */
    static RateLimitHeaderReader etsy() {
        return (headers, now) -> new Collector(headers, now)
                .window("second", Duration.ofSeconds(1), "x-limit-per-second", "x-remaining-this-second")
                .window("day", Duration.ofDays(1), "x-limit-per-day", "x-remaining-today")
                .build();
    }

    /**
     * Xero: {@code X-MinLimit-Remaining} (60 per minute per tenant), {@code X-DayLimit-Remaining}
     * (5000 per day), {@code X-AppMinLimit-Remaining} (10,000 per minute per app) and
     * {@code Retry-After}.
     */
    static RateLimitHeaderReader xero() {
        return (headers, now) -> new Collector(headers, now)
                .fixedLimitWindow("minute", Duration.ofMinutes(1), 60, "x-minlimit-remaining")
                .fixedLimitWindow("app-minute", Duration.ofMinutes(1), 10_000, "x-appminlimit-remaining")
                .fixedLimitWindow("day", Duration.ofDays(1), 5_000, "x-daylimit-remaining")
                .build();
    }

    /** Helps readers turn headers into a status; collects the headers it read. */
    final class Collector {
        private final ResponseHeaders headers;
        private final Instant now;
        private final List<RateLimitWindow> windows = new ArrayList<>();
        private final Map<String, String> seen = new LinkedHashMap<>();

        public Collector(ResponseHeaders headers, Instant now) {
            this.headers = headers;
            this.now = now;
        }

        /** Adds a window whose limit and remaining count are both in headers. */
        public Collector window(String name, Duration period, String limitHeader, String remainingHeader) {
            OptionalLong limit = number(limitHeader);
            OptionalLong remaining = number(remainingHeader);
            if (limit.isPresent() || remaining.isPresent()) {
                windows.add(new RateLimitWindow(name, period, limit, remaining, Optional.empty()));
            }
            return this;
        }

        /** Adds a window whose limit is documented rather than sent. */
        public Collector fixedLimitWindow(String name, Duration period, long limit, String remainingHeader) {
            OptionalLong remaining = number(remainingHeader);
            if (remaining.isPresent()) {
                windows.add(new RateLimitWindow(name, period, OptionalLong.of(limit), remaining, Optional.empty()));
            }
            return this;
        }

        /** Adds an already-built window. */
        public Collector window(RateLimitWindow window) {
            windows.add(window);
            return this;
        }

        /** Reads a header as a whole number, remembering it. */
        public OptionalLong number(String header) {
            Optional<String> raw = raw(header);
            if (raw.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(raw.get().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        /** Reads a header as text, remembering it. */
        public Optional<String> raw(String header) {
            Optional<String> value = headers.first(header);
            value.ifPresent(v -> seen.put(header.toLowerCase(Locale.ROOT), v));
            return value;
        }

        public RateLimitStatus build() {
            Optional<Duration> retryAfter = raw("retry-after").flatMap(v -> RetryAfter.parse(v, now));
            windows.sort(Comparator.comparing(RateLimitWindow::period));
            return new RateLimitStatus(windows, retryAfter, seen);
        }
    }
}
