package io.patternhub.testkit.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How a limiter counts. Each partition (API key, token, tenant...) gets its own {@link Bucket}.
 */
public interface LimitAlgorithm {

    /**
     * A fresh, empty bucket for one partition.
     *
     * @return the bucket
     */
    Bucket newBucket();

    /** The counting state of one partition. Implementations need not be thread-safe. */
    interface Bucket {
        /**
         * Takes {@code cost} if available.
         *
         * @param now the current time
         * @param cost what the request costs
         * @return the state after the attempt
         */
        LimitState tryAcquire(Instant now, long cost);
    }

    /**
     * At most {@code limit} requests per fixed window aligned to the epoch (e.g. each whole
     * second or minute); the count resets when the next window starts.
     *
     * @param limit requests per window
     * @param window the window length
     * @return the algorithm
     */
    static LimitAlgorithm fixedWindow(long limit, Duration window) {
        requirePositive(limit, window);
        long windowMillis = window.toMillis();
        return () -> new Bucket() {
            private long windowStart = Long.MIN_VALUE;
            private long used;

            @Override
            public LimitState tryAcquire(Instant now, long cost) {
                long nowMillis = now.toEpochMilli();
                long start = Math.floorDiv(nowMillis, windowMillis) * windowMillis;
                if (start != windowStart) {
                    windowStart = start;
                    used = 0;
                }
                if (used + cost > limit) {
                    Duration wait = Duration.ofMillis(windowStart + windowMillis - nowMillis);
                    return new LimitState(false, limit, limit - used, cost, wait, 0);
                }
                used += cost;
                return new LimitState(true, limit, limit - used, cost, Duration.ZERO, 0);
            }
        };
    }

    /**
     * At most {@code limit} requests in any rolling {@code window} (Etsy's per-day quota is a
     * rolling 24 hours): a request is let through when fewer than {@code limit} were let through
     * in the preceding {@code window}.
     *
     * @param limit requests per rolling window
     * @param window the window length
     * @return the algorithm
     */
    static LimitAlgorithm slidingWindow(long limit, Duration window) {
        requirePositive(limit, window);
        return () -> new Bucket() {
            private final Deque<Instant> accepted = new ArrayDeque<>();

            @Override
            public LimitState tryAcquire(Instant now, long cost) {
                Instant cutoff = now.minus(window);
                while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(cutoff)) {
                    accepted.pollFirst();
                }
                if (accepted.size() + cost > limit) {
                    Instant oldest = accepted.isEmpty() ? now : accepted.peekFirst();
                    Duration wait = Duration.between(now, oldest.plus(window));
                    return new LimitState(false, limit, limit - accepted.size(), cost, wait, 0);
                }
                for (long i = 0; i < cost; i++) {
                    accepted.addLast(now);
                }
                return new LimitState(true, limit, limit - accepted.size(), cost, Duration.ZERO, 0);
            }
        };
    }

    /**
     * A leaky bucket of {@code capacity} points refilled at {@code restorePerSecond} points per
     * second; a request passes when the bucket holds at least its cost (Shopify GraphQL's
     * calculated query cost).
     *
     * @param capacity the bucket size
     * @param restorePerSecond points restored per second
     * @return the algorithm
     */
    static LimitAlgorithm leakyBucket(long capacity, long restorePerSecond) {
        if (capacity <= 0 || restorePerSecond <= 0) {
            throw new IllegalArgumentException("capacity and restore rate must be positive");
        }
        return () -> new Bucket() {
            private double available = capacity;
            private Instant last;

            @Override
            public LimitState tryAcquire(Instant now, long cost) {
                if (last != null && now.isAfter(last)) {
                    double elapsed = Duration.between(last, now).toNanos() / 1e9;
                    available = Math.min(capacity, available + elapsed * restorePerSecond);
                }
                last = now;
                if (cost > available) {
                    double missing = cost - available;
                    Duration wait = Duration.ofNanos((long) Math.ceil(missing / restorePerSecond * 1e9));
                    return new LimitState(false, capacity, (long) Math.floor(available), cost, wait, restorePerSecond);
                }
                available -= cost;
                return new LimitState(true, capacity, (long) Math.floor(available), cost, Duration.ZERO, restorePerSecond);
            }
        };
    }

    private static void requirePositive(long limit, Duration window) {
        if (limit <= 0 || window.isZero() || window.isNegative() || window.toMillis() == 0) {
            throw new IllegalArgumentException("limit and window must be positive (window at least 1 ms)");
        }
    }
}
