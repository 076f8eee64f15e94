package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.AccountMapping;
import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.TaxMapping;
import io.patternhub.accounting.reconcile.UnsettledEvent;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.LineItem;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The batch engine as it was before the streaming path (every order indexed, every journal in one
 * list), kept verbatim in this package as the oracle the streaming engine must match exactly.
 */
public final class LegacyReconciler {
    private LegacyReconciler() {
    }

    /** What {@code Reconciler.report(input, adSpend)} returned before streaming. */
    public static SalesReport report(TaxMapping taxes, ZoneId zone, Function<LineItem, String> taxClassOf,
                                     ReconcileInput input, AdSpend adSpend) {
        Problems problems = new Problems();
        PostingExtractor extractor = new PostingExtractor(taxes, taxClassOf, problems);
        List<Posting> postings = new ArrayList<>();
        input.orders().forEach(o -> postings.addAll(extractor.postings(o)));
        problems.throwIfAnyInputProblem();
        return ReportBuilder.build(postings, zone, adSpend);
    }

    /** What {@code Reconciler.reconcile(input, mode[, period])} returned before streaming. */
    public static ReconcileResult reconcile(AccountMapping accounts, TaxMapping taxes, FxRates rates, ZoneId zone,
                                            Function<LineItem, String> taxClassOf, ReconcileInput input,
                                            PostingMode mode, YearMonth period) {
        Problems problems = new Problems();
        JournalPlanner planner = new JournalPlanner(input, rates, zone,
                new PostingExtractor(taxes, taxClassOf, problems), new JournalWriter(accounts, problems), problems);
        List<Journal> journals = mode == PostingMode.PER_PAYOUT ? planner.perPayout() : planner.perOrder();
        problems.throwIfAny();
        List<Journal> inPeriod = period == null ? journals
                : journals.stream().filter(j -> YearMonth.from(j.date()).equals(period)).toList();
        List<UnsettledEvent> unsettled = planner.unsettled().stream()
                .filter(u -> period == null || YearMonth.from(u.at().atZone(zone)).equals(period)).toList();
        return new ReconcileResult(mode, Optional.ofNullable(period), inPeriod, unsettled);
    }
}
