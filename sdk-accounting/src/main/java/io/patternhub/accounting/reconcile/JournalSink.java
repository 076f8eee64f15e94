package io.patternhub.accounting.reconcile;

import io.patternhub.core.ledger.Journal;

/**
 * Receives what a streaming reconciliation produces, as soon as it is final: per-order journals while
 * the orders are read, per-payout journals and settlements after the last order, and every event no
 * payout settles. Called on the thread that called {@code Reconciler.reconcile}; an exception thrown
 * here stops the run and propagates.
 *
 * <p>If the run ends in an exception (a missing mapping, an input problem), what was handed over
 * before is not a valid result: the sink gets nothing more once a problem is found. Post from a sink
 * only after {@code reconcile} returned, e.g. spool the journals to a file first.
 */
@FunctionalInterface
public interface JournalSink {

    /**
     * A balanced journal, in the same order as {@link ReconcileResult#journals()} would list it.
     *
     * @param journal the journal
     */
    void journal(Journal journal);

    /**
     * A sale or refund no payout settles, in input order. Ignored unless overridden; the count is in
     * {@link ReconcileSummary#unsettled()}.
     *
     * @param event the event
     */
    default void unsettled(UnsettledEvent event) {
        // counted by the engine; a sink that needs the events overrides this
    }
}
