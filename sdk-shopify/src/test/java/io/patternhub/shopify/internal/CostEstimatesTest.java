package io.patternhub.shopify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CostEstimatesTest {
    private final CostEstimates costs = new CostEstimates();

    @Test
    void anUnknownShapeIsProbedByOneCallerWhileTheOthersWaitForWhatItLearns() throws Exception {
        CostEstimates.Estimate probe = costs.acquire("Lookup50");
        assertThat(probe.probe()).isTrue();
        assertThat(probe.cost()).isEqualTo(CostEstimates.UNKNOWN_COST);

        CompletableFuture<CostEstimates.Estimate> second = CompletableFuture.supplyAsync(this::acquireLookup);
        Thread.sleep(100); // give it the chance to go ahead; it must not
        assertThat(second).as("a second caller waits while the shape is probed").isNotDone();

        costs.learn("Lookup50", 12);
        costs.release(probe);
        CostEstimates.Estimate after = second.get(10, TimeUnit.SECONDS);
        assertThat(after.probe()).isFalse();
        assertThat(after.cost()).isEqualTo(12);
        assertThat(costs.acquire("Other").probe()).as("another shape is probed on its own").isTrue();
    }

    @Test
    void aProbeThatLearnedNothingLetsTheNextCallerProbe() throws Exception {
        CostEstimates.Estimate failed = costs.acquire("Lookup50");
        CompletableFuture<CostEstimates.Estimate> next = CompletableFuture.supplyAsync(this::acquireLookup);
        costs.release(failed);
        CostEstimates.Estimate estimate = next.get(10, TimeUnit.SECONDS);
        assertThat(estimate.probe()).isTrue();
        assertThat(estimate.cost()).isEqualTo(CostEstimates.UNKNOWN_COST);
    }

    @Test
    void aKnownCostIsReservedWithoutProbingAndReleasingItIsHarmless() throws Exception {
        costs.learn("ProductSet", 10);
        CostEstimates.Estimate a = costs.acquire("ProductSet");
        CostEstimates.Estimate b = costs.acquire("ProductSet");
        assertThat(a.probe()).isFalse();
        assertThat(b.cost()).isEqualTo(10);
        costs.release(a);
        costs.learn("ProductSet", 14);
        assertThat(costs.acquire("ProductSet").cost()).as("the last reported cost counts").isEqualTo(14);
    }

    private CostEstimates.Estimate acquireLookup() {
        try {
            return costs.acquire("Lookup50");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
