package io.patternhub.shopify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces Admin GraphQL queries by Shopify's calculated query cost: a leaky bucket per app and shop
 * ({@code maximumAvailable} points, refilled at {@code restoreRate} points per second). Before a
 * query the pacer waits until the bucket, as last reported in {@code extensions.cost.throttleStatus}
 * and refilled since, holds the query's expected cost; the cost is then reserved so that concurrent
 * callers queue up behind each other instead of all spending the same points. After each response
 * the model is reset to what Shopify reported. A {@code THROTTLED} answer is waited out for exactly
 * the time the bucket needs to hold the requested cost.
 *
 * <p>Thread-safe. The clock and the way of waiting are injectable so tests run on simulated time.
 */
public final class ShopifyCostPacer {
    /** How a pacer waits; {@link Thread#sleep(long)} unless a test supplies a simulated one. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits for {@code duration}.
         *
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Object lock = new Object();
    // The bucket model; guarded by lock. Unknown (NaN) until Shopify first reports it.
    private double maximum = Double.NaN;
    private double available = Double.NaN;
    private double restoreRate = Double.NaN;
    private Instant asOf;

    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong actualCost = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    private volatile Instant firstAt;
    private volatile Instant lastAt;
    private volatile double lowestReported = Double.NaN;

    private ShopifyCostPacer(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * A pacer on the system clock that really sleeps.
     *
     * @return the pacer
     */
    public static ShopifyCostPacer create() {
        return create(Clock.systemUTC(), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /**
     * A pacer on a given clock and way of waiting (tests: a manual clock the sleeper advances).
     *
     * @param clock   the clock the bucket refills by
     * @param sleeper how to wait
     * @return the pacer
     */
    public static ShopifyCostPacer create(Clock clock, Sleeper sleeper) {
        return new ShopifyCostPacer(clock, sleeper);
    }

    /**
     * Waits until the bucket holds {@code expectedCost} points, then reserves them.
     *
     * @param expectedCost the cost the query is expected to request
     * @return how long it waited
     * @throws InterruptedException if interrupted while waiting
     */
    public Duration beforeQuery(long expectedCost) throws InterruptedException {
        Duration wait;
        synchronized (lock) {
            Instant now = clock.instant();
            if (firstAt == null) {
                firstAt = now;
            }
            if (Double.isNaN(available)) {
                return Duration.ZERO; // nothing known yet: the first answer tells us the bucket
            }
            // Callers ahead of this one may have reserved points up to a future instant: queue behind them.
            Instant base = asOf != null && asOf.isAfter(now) ? asOf : now;
            double atBase = refilled(base);
            double needed = Math.min(expectedCost, maximum);
            Duration extra = atBase >= needed ? Duration.ZERO
                    : Duration.ofNanos((long) Math.ceil((needed - atBase) / restoreRate * 1e9));
            Instant start = base.plus(extra);
            available = atBase + (extra.toNanos() / 1e9) * restoreRate - expectedCost;
            asOf = start;
            wait = Duration.between(now, start);
        }
        if (!wait.isZero()) {
            waitedNanos.addAndGet(wait.toNanos());
            sleeper.sleep(wait);
        }
        return wait;
    }

    /**
     * Records what Shopify reported with a response.
     *
     * @param actual the {@code actualQueryCost} (0 when the query was not run)
     * @param status the {@code throttleStatus}
     */
    public void afterResponse(long actual, ThrottleStatus status) {
        Instant now = clock.instant();
        queries.incrementAndGet();
        actualCost.addAndGet(Math.max(0, actual));
        lastAt = now;
        if (status == null) {
            return;
        }
        synchronized (lock) {
            maximum = status.maximumAvailable();
            restoreRate = status.restoreRate();
            available = status.currentlyAvailable();
            asOf = now;
            lowestReported = Double.isNaN(lowestReported) ? available : Math.min(lowestReported, available);
        }
    }

    /**
     * Records a {@code THROTTLED} answer and says how long the bucket needs to hold the cost.
     *
     * @param requested the {@code requestedQueryCost} of the refused query
     * @param status    the {@code throttleStatus} reported with it
     * @return the wait before the query can be sent again
     */
    public Duration onThrottled(long requested, ThrottleStatus status) {
        throttled.incrementAndGet();
        afterResponse(0, status);
        if (status == null || status.restoreRate() <= 0) {
            return Duration.ofSeconds(1);
        }
        double missing = requested - status.currentlyAvailable();
        return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing / status.restoreRate() * 1e9));
    }

    /** What the pacer saw so far. */
    public Stats stats() {
        Instant first = firstAt;
        Instant last = lastAt;
        Duration span = first == null || last == null ? Duration.ZERO : Duration.between(first, last);
        return new Stats(queries.get(), actualCost.get(), throttled.get(), Duration.ofNanos(waitedNanos.get()), span,
                lowestReported);
    }

    private double refilled(Instant at) {
        if (asOf == null || !at.isAfter(asOf)) {
            return available;
        }
        double seconds = Duration.between(asOf, at).toNanos() / 1e9;
        return Math.min(maximum, available + seconds * restoreRate);
    }

    /**
     * The bucket as Shopify reports it in {@code extensions.cost.throttleStatus}.
     *
     * @param maximumAvailable   the bucket size in points
     * @param currentlyAvailable the points available when the response was sent
     * @param restoreRate        points restored per second
     */
    public record ThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate) {
    }

    /**
     * Counters of one pacer.
     *
     * @param queries         responses seen (THROTTLED ones included)
     * @param actualCost      the sum of {@code actualQueryCost}
     * @param throttled       how many answers were {@code THROTTLED}
     * @param waited          the total time callers were held back
     * @param span            from the first query to the last response
     * @param lowestAvailable the fewest points Shopify ever reported available (NaN before any report)
     */
    public record Stats(long queries, long actualCost, long throttled, Duration waited, Duration span,
            double lowestAvailable) {
        /**
         * The achieved cost rate in points per second over {@link #span()}.
         *
         * @return the rate; 0 when no time passed
         */
        public double costPerSecond() {
            double seconds = span.toNanos() / 1e9;
            return seconds <= 0 ? 0 : actualCost / seconds;
        }
    }
}
