package io.patternhub.accounting.reconcile;

import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.PostingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The journals a reconciliation would post, in a deterministic order, and what it could not settle.
 *
 * @param mode      per payout or per order
 * @param period    the month the journals were limited to, if any
 * @param journals  balanced journals with deterministic references
 * @param unsettled sales and refunds no payout settles
 */
public record ReconcileResult(PostingMode mode, Optional<YearMonth> period, List<Journal> journals,
                              List<UnsettledEvent> unsettled) {
    public ReconcileResult {
        journals = List.copyOf(journals);
        unsettled = List.copyOf(unsettled);
    }

    /** The journals as the dry-run JSON: date, reference, lines with account, debit, credit, currency, tax. */
    public String toJson() {
        return JournalJson.toJson(journals);
    }
}
