package io.patternhub.testkit.shopify.internal;

import io.patternhub.testkit.shopify.ShopifyThrottleStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shopify's leaky bucket of query cost for one app and shop: a query is charged its requested
 * cost up front, the difference to its actual cost is refunded after execution, and the bucket
 * refills at the restore rate up to its size. Thread-safe.
 */
public final class CostBucket {
    private final double size;
    private final double restoreRate;
    private final Factory owner;
    private double available;
    private Instant last;

    private CostBucket(double size, double restoreRate, Factory owner) {
        this.size = size;
        this.restoreRate = restoreRate;
        this.owner = owner;
        this.available = size;
    }

    /**
     * Charges {@code cost} when the bucket holds it.
     *
     * @param now the current time
     * @param cost the requested cost
     * @return the wait until the bucket would hold it; zero when charged
     */
    public synchronized Duration tryCharge(Instant now, long cost) {
        refill(now);
        if (cost > available) {
            owner.throttled.incrementAndGet();
            return Duration.ofNanos((long) Math.ceil((cost - available) / restoreRate * 1e9));
        }
        available -= cost;
        owner.charged.addAndGet(cost);
        owner.recordLow(available);
        return Duration.ZERO;
    }

    /**
     * Gives back what a query was charged beyond its actual cost.
     *
     * @param now the current time
     * @param points the points to return
     */
    public synchronized void refund(Instant now, long points) {
        refill(now);
        available = Math.min(size, available + points);
        owner.charged.addAndGet(-points);
    }

    /**
     * The bucket as Shopify reports it.
     *
     * @param now the current time
     * @return the status
     */
    public synchronized ShopifyThrottleStatus status(Instant now) {
        refill(now);
        return new ShopifyThrottleStatus(size, Math.floor(available), restoreRate);
    }

    /** The bucket size. */
    public double size() {
        return size;
    }

    private void refill(Instant now) {
        if (last != null && now.isAfter(last)) {
            available = Math.min(size, available + Duration.between(last, now).toNanos() / 1e9 * restoreRate);
        }
        if (last == null || now.isAfter(last)) {
            last = now;
        }
    }

    /** One bucket per access token, with counters over all of them. */
    public static final class Factory {
        private final long size;
        private final long restoreRate;
        private final Clock clock;
        private final ConcurrentMap<String, CostBucket> buckets = new ConcurrentHashMap<>();
        private final AtomicLong throttled = new AtomicLong();
        private final AtomicLong charged = new AtomicLong();
        private double lowest = Double.MAX_VALUE;

        /**
         * @param size bucket size in points
         * @param restoreRate points restored per second
         * @param clock the clock
         */
        public Factory(long size, long restoreRate, Clock clock) {
            this.size = size;
            this.restoreRate = restoreRate;
            this.clock = clock;
        }

        /**
         * The bucket of a token.
         *
         * @param token the access token
         * @return its bucket
         */
        public CostBucket forToken(String token) {
            return buckets.computeIfAbsent(token == null ? "" : token, t -> new CostBucket(size, restoreRate, this));
        }

        /** The clock buckets are measured with. */
        public Clock clock() {
            return clock;
        }

        public long throttledCount() {
            return throttled.get();
        }

        public long chargedCost() {
            return charged.get();
        }

        public synchronized double lowestAvailable() {
            return lowest == Double.MAX_VALUE ? size : lowest;
        }

        private synchronized void recordLow(double available) {
            lowest = Math.min(lowest, available);
        }
    }
}
