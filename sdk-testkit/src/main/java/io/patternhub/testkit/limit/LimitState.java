package io.patternhub.testkit.limit;

import java.time.Duration;

/**
 * A limiter's state right after it judged one request.
 *
 * @param allowed whether the request was let through
 * @param limit the window's limit or the bucket's capacity
 * @param remaining what is left after this request (requests, or cost points for a bucket)
 * @param cost what this request asked for (1 for window limiters)
 * @param retryAfter how long until the request could pass; zero when allowed
 * @param restoreRatePerSecond for a leaky bucket, points restored per second; 0 otherwise
 */
public record LimitState(boolean allowed, long limit, long remaining, long cost, Duration retryAfter,
        long restoreRatePerSecond) {

    /** {@link #retryAfter()} rounded up to whole seconds, as {@code Retry-After} carries it. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds();
        return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
    }

    /** How much of the limit is used: {@code limit - remaining}. */
    public long used() {
        return limit - remaining;
    }
}
