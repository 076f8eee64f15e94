package io.patternhub.hub.sync;

import java.util.Optional;

/**
 * A progress report for one storefront during {@link CatalogSync#apply()}.
 *
 * @param storefrontId the target
 * @param event        what happened
 * @param sku          the pattern concerned, if any
 * @param completed    patterns brought in line so far in this run
 * @param failed       patterns that failed in this run (they are retried later)
 * @param total        patterns pending for this storefront when the run started
 * @param error        the failure message, for {@link Event#PATTERN_FAILED}
 */
public record SyncProgress(String storefrontId, Event event, Optional<String> sku, int completed, int failed,
        int total, Optional<String> error) {

    /** Progress events. */
    public enum Event {
        /** A storefront's run started; {@code total} is known. */
        STARTED,
        /** One change was made on the storefront. */
        STEP_DONE,
        /** A pattern is in line on the storefront. */
        PATTERN_DONE,
        /** A pattern failed; it stays in the outbox with a backoff. */
        PATTERN_FAILED,
        /** The storefront's run ended (done, or paused after failures). */
        FINISHED
    }
}
