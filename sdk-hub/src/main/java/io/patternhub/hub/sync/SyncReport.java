package io.patternhub.hub.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of {@link CatalogSync#apply()} or {@link CatalogSync#drain()} did, per storefront.
 *
 * @param results by storefront id
 */
public record SyncReport(Map<String, StorefrontResult> results) {

    public SyncReport {
        results = Map.copyOf(results);
    }

    /** Whether every storefront has nothing left pending. */
    public boolean isComplete() {
        return results.values().stream().allMatch(r -> r.pending() == 0);
    }

    /**
     * @param storefrontId a target
     * @return its result
     */
    public StorefrontResult result(String storefrontId) {
        StorefrontResult r = results.get(storefrontId);
        if (r == null) {
            throw new IllegalArgumentException("no sync target '" + storefrontId + "' in this report");
        }
        return r;
    }

    /**
     * One storefront's outcome.
     *
     * @param storefrontId the target
     * @param completed    patterns brought in line in this run
     * @param failed       failed attempts in this run
     * @param pending      patterns still in the outbox (to retry later)
     * @param deadLetters  patterns given up on after too many attempts (kept in the outbox as DEAD)
     * @param nextRetryAt  when the earliest pending pattern may be retried, if any
     * @param lastError    the last failure's message, if any
     */
    public record StorefrontResult(String storefrontId, int completed, int failed, long pending, int deadLetters,
            Optional<Instant> nextRetryAt, Optional<String> lastError) {
    }
}
