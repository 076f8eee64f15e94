package io.patternhub.accounting.reconcile;

import io.patternhub.core.ledger.PostingMode;
import java.time.YearMonth;
import java.util.Optional;

/**
 * What a streaming reconciliation handed to its {@link JournalSink}.
 *
 * @param mode      per payout or per order
 * @param period    the month the journals and unsettled events were limited to, if any
 * @param orders    orders read
 * @param journals  journals handed to the sink
 * @param unsettled unsettled events handed to the sink
 */
public record ReconcileSummary(PostingMode mode, Optional<YearMonth> period, long orders, long journals,
                               long unsettled) {
}
