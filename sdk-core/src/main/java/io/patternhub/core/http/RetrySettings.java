package io.patternhub.core.http;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.time.Duration;

/**
 * How the transport retries: up to {@code maxAttempts} attempts with exponential backoff from
 * {@code initialDelay} (doubling, capped at {@code maxDelay}) and random jitter of ±{@code jitter};
 * a platform's {@code Retry-After} replaces the backoff but is not retried when longer than
 * {@code maxRetryAfter} (the error is raised at once, carrying the wait).
 *
 * @param maxAttempts   attempts in total, at least 1 (1 = never retry)
 * @param initialDelay  the first backoff
 * @param maxDelay      the longest backoff
 * @param jitter        the random fraction (0 to 1) added or removed from each backoff
 * @param maxRetryAfter the longest {@code Retry-After} the transport will wait out
 */
public record RetrySettings(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw invalid("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw invalid("need 0 <= initialDelay <= maxDelay, was " + initialDelay + " and " + maxDelay);
        }
        if (jitter < 0 || jitter > 1) {
            throw invalid("jitter must be between 0 and 1, was " + jitter);
        }
        if (maxRetryAfter.isNegative()) {
            throw invalid("maxRetryAfter must not be negative");
        }
    }

    /** 4 attempts, 500 ms doubling to 8 s, 25 % jitter, waits out a Retry-After of up to 2 minutes. */
    public static RetrySettings defaults() {
        return new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(8), 0.25, Duration.ofMinutes(2));
    }

    /** A single attempt. */
    public static RetrySettings none() {
        return new RetrySettings(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** A copy with another number of attempts. */
    public RetrySettings withMaxAttempts(int attempts) {
        return new RetrySettings(attempts, initialDelay, maxDelay, jitter, maxRetryAfter);
    }

    /** A copy with other backoff bounds. */
    public RetrySettings withBackoff(Duration initial, Duration max) {
        return new RetrySettings(maxAttempts, initial, max, jitter, maxRetryAfter);
    }

    /** The backoff before attempt {@code nextAttempt} (2 = first retry), before jitter. */
    public Duration backoff(int nextAttempt) {
        long factor = 1L << Math.min(30, Math.max(0, nextAttempt - 2));
        long ms = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * factor);
        return Duration.ofMillis(ms < 0 ? maxDelay.toMillis() : ms);
    }

    static ConfigurationException invalid(String message) {
        return new ConfigurationException("Invalid retry settings: " + message, ErrorContext.empty());
    }
}
