package io.patternhub.accounting.reconcile;

import io.patternhub.accounting.reconcile.internal.JournalPlanner;
import io.patternhub.accounting.reconcile.internal.JournalWriter;
import io.patternhub.accounting.reconcile.internal.PostingExtractor;
import io.patternhub.accounting.reconcile.internal.Problems;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.ledger.TaxRate;
import io.patternhub.core.model.LineItem;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reconciliation engine: turns normalized orders, refunds, fees, taxes and payouts into balanced
 * journals, per payout (one summary per payout and month whose bank lines add up to the deposit, like
 * A2X) or per order (one journal per sale and refund against a clearing account, and a settlement per
 * payout). Journals carry deterministic references, so posting the same period twice books nothing
 * twice. Immutable and thread-safe.
 *
 * <pre>{@code
 * Reconciler engine = Reconciler.builder().accounts(accounts).taxes(taxes).rates(rates).build();
 * ReconcileResult result = engine.reconcile(input, PostingMode.PER_PAYOUT, YearMonth.of(2026, 5));
 * System.out.println(result.toJson());          // dry run
 * engine.post(xeroLedger, result);              // validates the mapping against the ledger, then posts
 * }</pre>
 */
public final class Reconciler {
    private final AccountMapping accounts;
    private final TaxMapping taxes;
    private final FxRates rates;
    private final ZoneId zone;
    private final Function<LineItem, String> taxClassOf;

    private Reconciler(Builder b) {
        this.accounts = Objects.requireNonNull(b.accounts, "accounts");
        this.taxes = Objects.requireNonNull(b.taxes, "taxes");
        this.rates = b.rates;
        this.zone = b.zone;
        this.taxClassOf = b.taxClassOf;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * All journals of a mode, every month.
     *
     * @param input orders and payouts
     * @param mode  per payout or per order
     * @return the journals
     * @throws ConfigurationException   listing every unmapped account and tax code
     * @throws ReconciliationException listing every input problem (a deposit not explained, a rate missing)
     */
    public ReconcileResult reconcile(ReconcileInput input, PostingMode mode) {
        return plan(input, mode, null);
    }

    /**
     * The journals of a mode dated within one month.
     *
     * @param input  orders and payouts (give earlier and later ones too: a payout spanning months needs them)
     * @param mode   per payout or per order
     * @param period the month, e.g. {@code YearMonth.parse("2026-05")}
     * @return the journals of that month
     * @throws ConfigurationException   listing every unmapped account and tax code
     * @throws ReconciliationException listing every input problem
     */
    public ReconcileResult reconcile(ReconcileInput input, PostingMode mode, YearMonth period) {
        return plan(input, mode, Objects.requireNonNull(period, "period"));
    }

    private ReconcileResult plan(ReconcileInput input, PostingMode mode, YearMonth period) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mode, "mode");
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

    /**
     * Checks that every account and tax code the journals use exists, active, in the ledger. Run before
     * posting; {@link #post} does it for you.
     *
     * @param ledger the ledger
     * @param result what would be posted
     * @throws ConfigurationException listing every unknown or inactive code, with the journals using it
     */
    public void checkAgainst(Ledger ledger, ReconcileResult result) {
        Set<String> activeAccounts = ledger.chartOfAccounts().stream().filter(Account::active).map(Account::code)
                .collect(Collectors.toSet());
        Set<String> activeTaxCodes = ledger.taxRates().stream().filter(TaxRate::active).map(TaxRate::code)
                .collect(Collectors.toSet());
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Journal journal : result.journals()) {
            for (JournalLine line : journal.lines()) {
                if (!activeAccounts.contains(line.accountCode())) {
                    unknown.computeIfAbsent("account " + line.accountCode(), k -> new TreeSet<>()).add(journal.reference());
                }
                line.taxCode().filter(c -> !activeTaxCodes.contains(c)).ifPresent(c ->
                        unknown.computeIfAbsent("tax code " + c, k -> new TreeSet<>()).add(journal.reference()));
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        List<ValidationError> errors = new ArrayList<>();
        StringBuilder sb = new StringBuilder(ledger.platform().displayName() + " has no active ")
                .append(unknown.size() == 1 ? "code" : "codes").append(" for what the mapping names; create them in "
                        + "the ledger or change the mapping:");
        unknown.forEach((code, refs) -> {
            errors.add(new ValidationError(code, "unknown", "used by " + refs));
            sb.append("\n  ").append(code).append(" (used by ").append(refs.size()).append(" journal")
                    .append(refs.size() == 1 ? "" : "s").append(", e.g. ").append(refs.iterator().next()).append(')');
        });
        throw new ConfigurationException(sb.toString(),
                ErrorContext.builder().platform(ledger.platform()).validationErrors(errors).build());
    }

    /**
     * Checks the mapping against the ledger, then posts every journal once. Journals already posted
     * under the same reference come back as {@link PostResult.Outcome#ALREADY_EXISTED}.
     *
     * @param ledger the ledger
     * @param result what to post
     * @return one result per journal, in order
     * @throws CapabilityNotSupportedException if the ledger adapter does not support the result's mode
     * @throws ConfigurationException          if an account or tax code is unknown to the ledger
     */
    public List<PostResult> post(Ledger ledger, ReconcileResult result) {
        if (!ledger.supportedModes().contains(result.mode())) {
            throw new CapabilityNotSupportedException(ledger.platform(), "posting mode " + result.mode(),
                    "it supports " + ledger.supportedModes());
        }
        checkAgainst(ledger, result);
        return ledger.postAll(result.journals());
    }

    /**
     * The per-platform, per-month sales report (every month the input covers), with cost per
     * acquisition where ad spend is given.
     *
     * @param input   orders
     * @param adSpend what the user spent on ads, per platform and month
     * @return the report
     * @throws ReconciliationException if an order does not add up
     */
    public SalesReport report(ReconcileInput input, AdSpend adSpend) {
        Problems problems = new Problems();
        PostingExtractor extractor = new PostingExtractor(taxes, taxClassOf, problems);
        List<io.patternhub.accounting.reconcile.internal.Posting> postings = new ArrayList<>();
        input.orders().forEach(o -> postings.addAll(extractor.postings(o)));
        // A report needs no tax codes; only broken orders stop it.
        problems.throwIfAnyInputProblem();
        return io.patternhub.accounting.reconcile.internal.ReportBuilder.build(postings, zone, adSpend);
    }

    /** Builds a {@link Reconciler}. */
    public static final class Builder {
        private AccountMapping accounts;
        private TaxMapping taxes;
        private FxRates rates = FxRates.none();
        private ZoneId zone = ZoneOffset.UTC;
        private Function<LineItem, String> taxClassOf = line -> TaxMapping.DIGITAL;

        private Builder() {
        }

        /** Required: accounts by channel and role. */
        public Builder accounts(AccountMapping accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            return this;
        }

        /** Required: tax codes by channel, buyer country and tax class. */
        public Builder taxes(TaxMapping taxes) {
            this.taxes = Objects.requireNonNull(taxes, "taxes");
            return this;
        }

        /** The platforms' exchange rates; none by default. */
        public Builder rates(FxRates rates) {
            this.rates = Objects.requireNonNull(rates, "rates");
            return this;
        }

        /** The zone in which dates and month ends are taken; UTC by default. Use the ledger's zone. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The tax class of a line (e.g. by SKU); every line is {@link TaxMapping#DIGITAL} by default. */
        public Builder taxClassOf(Function<LineItem, String> taxClassOf) {
            this.taxClassOf = Objects.requireNonNull(taxClassOf, "taxClassOf");
            return this;
        }

        /**
         * @return the engine
         * @throws ConfigurationException if the accounts or taxes mapping is missing
         */
        public Reconciler build() {
            if (accounts == null || taxes == null) {
                throw new ConfigurationException("a Reconciler needs an AccountMapping and a TaxMapping;"
                        + " call accounts(...) and taxes(...) (or MappingFile.load)", ErrorContext.empty());
            }
            return new Reconciler(this);
        }
    }
}
