package io.patternhub.shopify.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The points to reserve for each query shape (operation and page size): the {@code requestedQueryCost}
 * Shopify reported for it last time. A shape not seen yet has no known cost, so one caller at a time sends
 * it (the probe) reserving {@link #UNKNOWN_COST}, and other callers of that shape wait for the probe's answer.
 * Several callers guessing low at once spend points the pacer does not know are gone: four first lookups
 * reserved 1 point each while Shopify charged 10 for each, and the next query was {@code THROTTLED}.
 * Thread-safe.
 */
final class CostEstimates {
    /**
     * Reserved for a shape whose cost is not known yet: more than the lookups and mutations the SDK sends
     * cost (10 to 30 points), so a probe leaves the pacer's model on the safe side.
     */
    static final long UNKNOWN_COST = 50;

    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> probes = new ConcurrentHashMap<>();

    /**
     * The points a caller reserves; a probe must be {@linkplain #release released} whatever its outcome.
     *
     * @param shape the query shape
     * @param cost  the points to reserve
     * @param probe whether this caller is finding the cost out
     */
    record Estimate(String shape, long cost, boolean probe) {
    }

    /**
     * The estimate for a shape, waiting while another caller probes it.
     *
     * @param shape the query shape
     * @return the estimate
     * @throws InterruptedException if interrupted while waiting for a probe
     */
    Estimate acquire(String shape) throws InterruptedException {
        while (true) {
            Long cost = known.get(shape);
            if (cost != null) {
                return new Estimate(shape, cost, false);
            }
            CountDownLatch running = probes.putIfAbsent(shape, new CountDownLatch(1));
            if (running == null) {
                Estimate probe = new Estimate(shape, UNKNOWN_COST, true);
                Long learnedMeanwhile = known.get(shape);
                if (learnedMeanwhile == null) {
                    return probe;
                }
                release(probe);
                return new Estimate(shape, learnedMeanwhile, false);
            }
            running.await();
        }
    }

    /**
     * Records the cost Shopify requested for a shape.
     *
     * @param shape     the query shape
     * @param requested its {@code requestedQueryCost}
     */
    void learn(String shape, long requested) {
        known.put(shape, requested);
    }

    /**
     * Ends a probe, answered or not (after a failed one the next caller probes); no-op for other estimates.
     *
     * @param estimate what {@link #acquire} returned
     */
    void release(Estimate estimate) {
        if (estimate.probe()) {
            CountDownLatch latch = probes.remove(estimate.shape());
            if (latch != null) {
                latch.countDown();
            }
        }
    }
}
