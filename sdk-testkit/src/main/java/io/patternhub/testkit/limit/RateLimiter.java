package io.patternhub.testkit.limit;

import io.patternhub.testkit.SandboxRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A sandbox rate limiter: an algorithm, which requests it applies to, how requests are
 * partitioned (per API key, token or tenant), the platform's headers and throttled answer.
 * Thread-safe.
 *
 * <pre>{@code
 * RateLimiter perSecond = RateLimiter.perSecond(10)
 *         .headers(LimitHeaders.limitAndRemaining("x-limit-per-second", "x-remaining-this-second"))
 *         .partitionBy(r -> r.header("x-api-key").orElse(""))
 *         .clock(clock)
 *         .build();
 * }</pre>
 */
public final class RateLimiter {
    private final String name;
    private final LimitAlgorithm algorithm;
    private final Predicate<SandboxRequest> appliesTo;
    private final Function<SandboxRequest, String> partitionBy;
    private final ToLongFunction<SandboxRequest> cost;
    private final LimitHeaders headers;
    private final ThrottleResponse throttleResponse;
    private final Clock clock;
    private final ConcurrentMap<String, LimitAlgorithm.Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private RateLimiter(Builder b) {
        this.name = b.name;
        this.algorithm = b.algorithm;
        this.appliesTo = b.appliesTo;
        this.partitionBy = b.partitionBy;
        this.cost = b.cost;
        this.headers = b.headers;
        this.throttleResponse = b.throttleResponse;
        this.clock = b.clock;
    }

    /**
     * A limiter with any algorithm.
     *
     * @param name a name for messages and the journal
     * @param algorithm how to count
     * @return a builder
     */
    public static Builder builder(String name, LimitAlgorithm algorithm) {
        return new Builder(name, algorithm);
    }

    /**
     * {@code limit} requests per whole second (e.g. Etsy's QPS, QuickBooks' 10 per second).
     *
     * @param limit requests per second
     * @return a builder
     */
    public static Builder perSecond(long limit) {
        return builder("per-second", LimitAlgorithm.fixedWindow(limit, Duration.ofSeconds(1)));
    }

    /**
     * {@code limit} requests per whole minute (e.g. Xero's 60 per minute per tenant).
     *
     * @param limit requests per minute
     * @return a builder
     */
    public static Builder perMinute(long limit) {
        return builder("per-minute", LimitAlgorithm.fixedWindow(limit, Duration.ofMinutes(1)));
    }

    /**
     * {@code limit} requests in any rolling 24 hours (e.g. Etsy's QPD).
     *
     * @param limit requests per day
     * @return a builder
     */
    public static Builder perDay(long limit) {
        return builder("per-day", LimitAlgorithm.slidingWindow(limit, Duration.ofDays(1)));
    }

    /**
     * A leaky bucket charged by {@code cost} (e.g. Shopify GraphQL's calculated query cost).
     *
     * @param capacity the bucket size in points
     * @param restorePerSecond points restored per second
     * @param cost the cost of a request
     * @return a builder
     */
    public static Builder leakyBucket(long capacity, long restorePerSecond, ToLongFunction<SandboxRequest> cost) {
        return builder("leaky-bucket", LimitAlgorithm.leakyBucket(capacity, restorePerSecond)).cost(cost);
    }

    /**
     * Judges one request, or returns empty when the limiter does not apply to it.
     *
     * @param request the request
     * @return the state after the request, when the limiter applies
     */
    public Optional<LimitState> acquire(SandboxRequest request) {
        if (!appliesTo.test(request)) {
            return Optional.empty();
        }
        long requestCost = cost.applyAsLong(request);
        if (requestCost < 0) {
            throw new IllegalArgumentException("Limiter " + name + ": request cost must not be negative");
        }
        LimitAlgorithm.Bucket bucket = buckets.computeIfAbsent(
                Objects.requireNonNullElse(partitionBy.apply(request), ""), k -> algorithm.newBucket());
        LimitState state;
        synchronized (bucket) {
            state = bucket.tryAcquire(clock.instant(), requestCost);
        }
        (state.allowed() ? accepted : rejected).incrementAndGet();
        return Optional.of(state);
    }

    /**
     * The platform headers for a judged request.
     *
     * @param state the state {@link #acquire} returned
     * @return header names to values
     */
    public java.util.Map<String, String> headersFor(LimitState state) {
        return headers.headers(state);
    }

    /** The platform's own throttled answer, when it is not the default 429. */
    public Optional<ThrottleResponse> throttleResponse() {
        return Optional.ofNullable(throttleResponse);
    }

    public String name() {
        return name;
    }

    /** How many requests this limiter let through. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** How many requests this limiter throttled. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Forgets all counting state and counters (a fresh day, a new app). */
    public void reset() {
        buckets.clear();
        accepted.set(0);
        rejected.set(0);
    }

    /** Configures a {@link RateLimiter}. */
    public static final class Builder {
        private final String name;
        private final LimitAlgorithm algorithm;
        private Predicate<SandboxRequest> appliesTo = r -> true;
        private Function<SandboxRequest, String> partitionBy = r -> "";
        private ToLongFunction<SandboxRequest> cost = r -> 1;
        private LimitHeaders headers = LimitHeaders.none();
        private ThrottleResponse throttleResponse;
        private Clock clock = Clock.systemUTC();

        private Builder(String name, LimitAlgorithm algorithm) {
            this.name = Objects.requireNonNull(name, "name");
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        }

        /**
         * Only requests matching {@code predicate} are counted and limited.
         *
         * @param predicate the requests this limiter applies to
         * @return this builder
         */
        public Builder appliesTo(Predicate<SandboxRequest> predicate) {
            this.appliesTo = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /**
         * Separate counts per key (API key, OAuth token, tenant id...).
         *
         * @param key the partition key of a request
         * @return this builder
         */
        public Builder partitionBy(Function<SandboxRequest, String> key) {
            this.partitionBy = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * What a request costs; 1 unless set.
         *
         * @param cost the cost of a request
         * @return this builder
         */
        public Builder cost(ToLongFunction<SandboxRequest> cost) {
            this.cost = Objects.requireNonNull(cost, "cost");
            return this;
        }

        /**
         * The platform's rate-limit headers on every judged response.
         *
         * @param headers the hook
         * @return this builder
         */
        public Builder headers(LimitHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * The platform's own throttled answer instead of the default 429.
         *
         * @param response builds it
         * @return this builder
         */
        public Builder throttleResponse(ThrottleResponse response) {
            this.throttleResponse = Objects.requireNonNull(response, "response");
            return this;
        }

        /**
         * The clock windows are measured with; inject a {@code ManualClock} in tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return the limiter
         */
        public RateLimiter build() {
            return new RateLimiter(this);
        }
    }
}
