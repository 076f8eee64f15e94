package io.patternhub.core.http;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.time.Duration;

/**
 * The client-side rate limit of one transport (one connection), from the platform's documented
 * limits: at most {@code permits} calls in any {@code period}, optionally at most
 * {@code dailyQuota} calls in any 24 hours. The limiter counts a call from when it is sent until
 * one period after it completed, so the platform never sees more than {@code permits} calls in
 * any window of that length however the network delays them.
 *
 * <p>A caller waits for a permit for at most {@code maxWait}; when the wait would be longer (a
 * spent daily quota, a long {@code Retry-After}) a {@code RateLimitException} is thrown at once.
 *
 * @param permits    calls allowed per period (the burst), 0 for no client-side limit
 * @param period     the window length
 * @param dailyQuota calls allowed per rolling 24 hours, 0 for none
 * @param maxWait    the longest a caller is held back before a {@code RateLimitException}
 */
public record RateLimitSettings(int permits, Duration period, long dailyQuota, Duration maxWait) {

    public RateLimitSettings {
        if (permits < 0 || dailyQuota < 0) {
            throw invalid("permits and dailyQuota must not be negative");
        }
        if (period.isNegative() || (permits > 0 && period.isZero())) {
            throw invalid("period must be positive, was " + period);
        }
        if (maxWait.isNegative()) {
            throw invalid("maxWait must not be negative");
        }
    }

    /** No client-side limit; the transport still honours {@code Retry-After} and remaining-quota headers. */
    public static RateLimitSettings unlimited() {
        return new RateLimitSettings(0, Duration.ZERO, 0, Duration.ofMinutes(2));
    }

    /** At most {@code permits} calls per {@code period}. */
    public static RateLimitSettings of(int permits, Duration period) {
        return new RateLimitSettings(permits, period, 0, Duration.ofMinutes(2));
    }

    /** At most {@code permitsPerSecond} calls per second (Etsy: 10). */
    public static RateLimitSettings perSecond(int permitsPerSecond) {
        return of(permitsPerSecond, Duration.ofSeconds(1));
    }

    /** A copy that also caps calls per rolling day (Etsy: 10,000; Xero: 5,000). */
    public RateLimitSettings withDailyQuota(long quota) {
        return new RateLimitSettings(permits, period, quota, maxWait);
    }

    /** A copy with another longest wait. */
    public RateLimitSettings withMaxWait(Duration wait) {
        return new RateLimitSettings(permits, period, dailyQuota, wait);
    }

    private static ConfigurationException invalid(String message) {
        return new ConfigurationException("Invalid rate-limit settings: " + message, ErrorContext.empty());
    }
}
