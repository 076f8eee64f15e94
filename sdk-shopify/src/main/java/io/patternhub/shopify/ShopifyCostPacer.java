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
 * <p>Each query holds a {@link Reservation} from {@link #beforeQuery} until its answer is recorded
 * ({@link #afterResponse}, {@link #onThrottled}) or it failed unanswered ({@link #cancel}). Shopify's report
 * in one answer does not yet include the queries other callers have reserved but not yet been answered
 * for, so those points are taken off what it reports; otherwise one answer would hand the points of a
 * query still on its way to the next caller, and both would arrive to an empty bucket ({@code THROTTLED}).
 * Likewise the cost of queries answered after this one was reserved is taken off, because answers may be
 * processed in another order than Shopify wrote them.
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
    /** Points reserved by queries not yet answered; guarded by lock. */
    private long reservedUnanswered;
    /** The actual cost of every answered query so far; guarded by lock. */
    private long answeredCost;

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
        return create(Clock.systemUTC(), d -> Thread.sleep(wholeMillisAtLeast(d)));
    }

    /**
     * A wait rounded up to whole milliseconds: {@code Thread.sleep(millis, nanos)} rounds a fraction below
     * half a millisecond down, so a caller could wake a little before the bucket holds its cost.
     */
    static long wholeMillisAtLeast(Duration d) {
        long nanos = d.toNanos();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
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
     * A query's claim on the bucket, from {@link #beforeQuery} until its answer is recorded or it is
     * cancelled. Not thread-safe: it belongs to the caller that made it.
     */
    public static final class Reservation {
        private final long cost;
        private final Duration waited;
        private final long answeredCostBefore;
        private boolean settled;

        private Reservation(long cost, Duration waited, long answeredCostBefore) {
            this.cost = cost;
            this.waited = waited;
            this.answeredCostBefore = answeredCostBefore;
        }

        /** The points reserved: the query's expected cost. */
        public long cost() {
            return cost;
        }

        /** How long the caller was held back before the query could be sent. */
        public Duration waited() {
            return waited;
        }
    }

    /**
     * Waits until the bucket holds {@code expectedCost} points, then reserves them. Record the answer with
     * {@link #afterResponse} or {@link #onThrottled}, or give the reservation back with {@link #cancel}
     * when the query got no answer.
     *
     * @param expectedCost the cost the query is expected to request
     * @return the reservation
     * @throws InterruptedException if interrupted while waiting (nothing is reserved then)
     */
    public Reservation beforeQuery(long expectedCost) throws InterruptedException {
        Duration wait;
        long before;
        synchronized (lock) {
            Instant now = clock.instant();
            if (firstAt == null) {
                firstAt = now;
            }
            if (Double.isNaN(available)) {
                // nothing known yet: the first answer tells us the bucket
                reservedUnanswered += expectedCost;
                return new Reservation(expectedCost, Duration.ZERO, answeredCost);
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
            reservedUnanswered += expectedCost;
            wait = Duration.between(now, start);
            before = answeredCost;
        }
        if (!wait.isZero()) {
            waitedNanos.addAndGet(wait.toNanos());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                release(expectedCost);
                throw e;
            }
        }
        return new Reservation(expectedCost, wait, before);
    }

    /**
     * Gives a reservation back when its query got no answer (a failed connection): its points stay
     * taken in the model until the next answer reports the bucket.
     *
     * @param reservation what {@link #beforeQuery} returned
     */
    public void cancel(Reservation reservation) {
        if (!reservation.settled) {
            reservation.settled = true;
            release(reservation.cost);
        }
    }

    private void release(long cost) {
        synchronized (lock) {
            reservedUnanswered -= cost;
        }
    }

    /**
     * Records what Shopify reported with the answer to a reserved query and settles the reservation.
     *
     * @param reservation what {@link #beforeQuery} returned for this query
     * @param actual      the {@code actualQueryCost} (0 when the query was not run)
     * @param status      the {@code throttleStatus}
     */
    public void afterResponse(Reservation reservation, long actual, ThrottleStatus status) {
        Instant now = clock.instant();
        queries.incrementAndGet();
        actualCost.addAndGet(Math.max(0, actual));
        lastAt = now;
        synchronized (lock) {
            if (!reservation.settled) {
                reservation.settled = true;
                reservedUnanswered -= reservation.cost;
            }
            // Queries answered since this one was reserved may have been charged after Shopify wrote this
            // report (answers are not processed in the order Shopify wrote them): count them as not in it.
            long answeredSince = answeredCost - reservation.answeredCostBefore;
            answeredCost += Math.max(0, actual);
            if (status == null) {
                return;
            }
            maximum = status.maximumAvailable();
            restoreRate = status.restoreRate();
            // what Shopify reports, less what other callers reserved and Shopify may not have charged yet
            available = status.currentlyAvailable() - Math.max(0, reservedUnanswered) - answeredSince;
            asOf = now;
            lowestReported = Double.isNaN(lowestReported) ? status.currentlyAvailable()
                    : Math.min(lowestReported, status.currentlyAvailable());
        }
    }

    /**
     * Records a {@code THROTTLED} answer, settles the reservation and says how long the bucket needs to
     * hold the cost.
     *
     * @param reservation what {@link #beforeQuery} returned for the refused query
     * @param requested   the {@code requestedQueryCost} of the refused query
     * @param status      the {@code throttleStatus} reported with it
     * @return the wait before the query can be sent again
     */
    public Duration onThrottled(Reservation reservation, long requested, ThrottleStatus status) {
        throttled.incrementAndGet();
        afterResponse(reservation, 0, status);
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
