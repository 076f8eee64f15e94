package io.patternhub.accounting.reconcile;

import io.patternhub.accounting.reconcile.internal.JournalPlanner;
import io.patternhub.accounting.reconcile.internal.JournalWriter;
import io.patternhub.accounting.reconcile.internal.PostingExtractor;
import io.patternhub.accounting.reconcile.internal.Problems;
import io.patternhub.accounting.reconcile.internal.ReportBuilder;
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
import io.patternhub.core.model.Order;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reconciliation engine: turns normalized orders, refunds, fees, taxes and payouts into balanced
 * journals, per payout (one summary per payout and month whose bank lines add up to the deposit, like
 * A2X) or per order (one journal per sale and refund against a clearing account, and a settlement per
 * payout). Journals carry deterministic references, so posting the same period twice books nothing
 * twice. Immutable and thread-safe.
 *
 * <p>For large periods, stream instead of listing: {@link #reconcile(Iterator, ReconcileInput, PostingMode,
 * JournalSink)} reads the orders one at a time and hands each journal to a {@link JournalSink} as soon as
 * it is final, holding no order and no journal (the list methods are built on it and return the same).
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

    /**
     * Streams all journals of a mode, every month: orders are read one at a time from {@code orders}
     * and never held, per-order journals reach the sink as soon as each order is read, per-payout
     * journals (summed per payout and month in small accumulators) and settlements after the last
     * order. The sink receives exactly the journals, in the same order, that
     * {@link #reconcile(ReconcileInput, PostingMode)} would return for the same orders.
     *
     * <pre>{@code
     * try (Stream<Order> orders = store.orders(from, to)) {
     *     ReconcileSummary s = engine.reconcile(orders.iterator(), payouts, PostingMode.PER_ORDER, spool::write);
     * }
     * }</pre>
     *
     * @param orders the orders, each once, in any order (the order of per-order journals follows it)
     * @param input  the payouts and payout-level fees; its orders, if any, are reconciled before {@code orders}
     * @param mode   per payout or per order
     * @param sink   receives the journals and unsettled events
     * @return what was handed to the sink
     * @throws ConfigurationException   listing every unmapped account and tax code
     * @throws ReconciliationException listing every input problem (a deposit not explained, a rate missing)
     */
    public ReconcileSummary reconcile(Iterator<? extends Order> orders, ReconcileInput input, PostingMode mode,
                                      JournalSink sink) {
        return stream(orders, input, mode, null, sink);
    }

    /**
     * Streams the journals of a mode dated within one month (and the unsettled events of that month),
     * as {@link #reconcile(Iterator, ReconcileInput, PostingMode, JournalSink)} does.
     *
     * @param orders the orders, each once (give earlier and later months too: a payout spanning months needs them)
     * @param input  the payouts and payout-level fees; its orders, if any, are reconciled before {@code orders}
     * @param mode   per payout or per order
     * @param period the month, e.g. {@code YearMonth.parse("2026-05")}
     * @param sink   receives the journals and unsettled events of that month
     * @return what was handed to the sink
     * @throws ConfigurationException   listing every unmapped account and tax code
     * @throws ReconciliationException listing every input problem
     */
    public ReconcileSummary reconcile(Iterator<? extends Order> orders, ReconcileInput input, PostingMode mode,
                                      YearMonth period, JournalSink sink) {
        return stream(orders, input, mode, Objects.requireNonNull(period, "period"), sink);
    }

    private ReconcileResult plan(ReconcileInput input, PostingMode mode, YearMonth period) {
        Objects.requireNonNull(input, "input");
        List<Journal> journals = new ArrayList<>();
        List<UnsettledEvent> unsettled = new ArrayList<>();
        stream(Collections.emptyIterator(), input, mode, period, new JournalSink() {
            @Override
            public void journal(Journal journal) {
                journals.add(journal);
            }

            @Override
            public void unsettled(UnsettledEvent event) {
                unsettled.add(event);
            }
        });
        return new ReconcileResult(mode, Optional.ofNullable(period), journals, unsettled);
    }

    private ReconcileSummary stream(Iterator<? extends Order> orders, ReconcileInput input, PostingMode mode,
                                    YearMonth period, JournalSink sink) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sink, "sink");
        Problems problems = new Problems();
        long[] counts = new long[2];
        // Once a problem is found the run will throw: hand nothing more to the sink.
        Consumer<Journal> journals = j -> {
            if (!problems.any() && (period == null || YearMonth.from(j.date()).equals(period))) {
                counts[0]++;
                sink.journal(j);
            }
        };
        Consumer<UnsettledEvent> unsettled = u -> {
            if (!problems.any() && (period == null || YearMonth.from(u.at().atZone(zone)).equals(period))) {
                counts[1]++;
                sink.unsettled(u);
            }
        };
        JournalPlanner planner = new JournalPlanner(input.payouts(), input::payoutFees, mode, rates, zone,
                new PostingExtractor(taxes, taxClassOf, problems), new JournalWriter(accounts, problems), problems,
                journals, unsettled);
        long read = 0;
        for (Order order : input.orders()) {
            planner.accept(order);
            read++;
        }
        while (orders.hasNext()) {
            planner.accept(Objects.requireNonNull(orders.next(), "the orders iterator returned null"));
            read++;
        }
        List<Journal> payoutJournals = planner.finish();
        problems.throwIfAny();
        payoutJournals.forEach(journals);
        return new ReconcileSummary(mode, Optional.ofNullable(period), read, counts[0], counts[1]);
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
        return report(input.orders().iterator(), adSpend);
    }

    /**
     * The sales report of streamed orders, read one at a time and never held (rows are sums per
     * platform, month and currency); the same report as {@link #report(ReconcileInput, AdSpend)}.
     *
     * @param orders  the orders
     * @param adSpend what the user spent on ads, per platform and month
     * @return the report
     * @throws ReconciliationException if an order does not add up
     */
    public SalesReport report(Iterator<? extends Order> orders, AdSpend adSpend) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(adSpend, "adSpend");
        Problems problems = new Problems();
        PostingExtractor extractor = new PostingExtractor(taxes, taxClassOf, problems);
        ReportBuilder report = new ReportBuilder(zone);
        while (orders.hasNext()) {
            extractor.postings(Objects.requireNonNull(orders.next(), "the orders iterator returned null"))
                    .forEach(report::add);
        }
        // A report needs no tax codes; only broken orders stop it.
        problems.throwIfAnyInputProblem();
        return report.build(adSpend);
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
