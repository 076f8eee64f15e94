package io.patternhub.accounting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.accounting.reconcile.RandomBooks.OrderSpec;
import io.patternhub.accounting.reconcile.RandomBooks.Scenario;
import io.patternhub.accounting.reconcile.legacy.LegacyReconciler;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import io.patternhub.core.model.LineItem;

/**
 * The streaming engine (orders from an iterator, journals to a sink) and the list API built on it
 * produce exactly what the former batch engine ({@link LegacyReconciler}, kept verbatim as the
 * oracle) produced: the same journals in the same order with the same references, lines and amount
 * scales, the same unsettled events, and the same error (type and message) when the input does not
 * reconcile. Inputs are the random books of {@link ReconcilePropertiesTest} (payouts spanning month
 * ends, four currencies converted into each channel's payout currency), then perturbed: orders
 * shuffled, payouts dropped (unsettled events), listed orders left out or given twice, rates or
 * mappings missing, payouts without dates, payouts listing an order twice or another payout's
 * order, a period filter, zones with daylight saving.
 */
class StreamingEquivalenceTest {
    private static final Function<LineItem, String> TAX_CLASS = l -> l.unitPrice().amount().intValue() % 3 == 0
            ? "physical" : TaxMapping.DIGITAL;

    record Perturbation(long seed, boolean shuffle, int dropPayouts, int dropOrders, int duplicates,
                        boolean noRates, boolean gappyMapping, boolean undatedPayouts, String zone,
                        boolean period, boolean relist) {
    }

    @Property(tries = 200)
    void streamingAndListApiMatchTheBatchEngineExactly(
            @ForAll("orders") List<OrderSpec> specs,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = -500, max = 500) Integer> adjustments,
            @ForAll("perturbations") Perturbation how) {
        Scenario s = RandomBooks.scenario(specs, adjustments);
        Random random = new Random(how.seed());
        List<Order> orders = perturbOrders(s.orders(), how, random);
        List<Payout> payouts = perturbPayouts(s.payouts(), how, random);
        ReconcileInput input = ReconcileInput.builder().addOrders(orders).addPayouts(payouts).build();
        ReconcileInput payoutsOnly = ReconcileInput.builder().addPayouts(payouts).build();
        FxRates rates = how.noRates() ? FxRates.none() : s.rates();
        AccountMapping accounts = accounts(how.gappyMapping());
        TaxMapping taxes = taxes(how.gappyMapping());
        ZoneId zone = ZoneId.of(how.zone());
        Reconciler engine = Reconciler.builder().accounts(accounts).taxes(taxes).rates(rates).zone(zone)
                .taxClassOf(TAX_CLASS).build();
        YearMonth period = how.period()
                ? YearMonth.from(RandomBooks.START.atZone(zone)).plusMonths(random.nextInt(4)) : null;

        for (PostingMode mode : PostingMode.values()) {
            Outcome expected = outcome(() -> LegacyReconciler.reconcile(accounts, taxes, rates, zone, TAX_CLASS,
                    input, mode, period));
            Outcome viaList = outcome(() -> period == null ? engine.reconcile(input, mode)
                    : engine.reconcile(input, mode, period));
            Collecting sink = new Collecting();
            Iterator<Order> once = orders.iterator();
            Outcome viaStream = outcome(() -> {
                ReconcileSummary summary = period == null ? engine.reconcile(once, payoutsOnly, mode, sink)
                        : engine.reconcile(once, payoutsOnly, mode, period, sink);
                assertThat(summary.orders()).isEqualTo(orders.size());
                assertThat(summary.journals()).isEqualTo(sink.journals.size());
                assertThat(summary.unsettled()).isEqualTo(sink.unsettled.size());
                return new ReconcileResult(mode, java.util.Optional.ofNullable(period), sink.journals, sink.unsettled);
            });

            assertSame(viaList, expected, "list API, " + mode);
            assertSame(viaStream, expected, "streaming API, " + mode);
            Statistics.label("outcome " + mode).collect(expected.error == null ? "journals"
                    : expected.error.getClass().getSimpleName());
            if (expected.result != null) {
                Statistics.label("unsettled events").collect(!expected.result.unsettled().isEmpty());
                Statistics.label("payout split at month end").collect(expected.result.journals().stream()
                        .anyMatch(j -> j.memo().orElse("").contains(" part of ")));
            }
        }
        Outcome expectedReport = outcome(() -> LegacyReconciler.report(taxes, zone, TAX_CLASS, input, AdSpend.none()));
        Outcome report = outcome(() -> engine.report(orders.iterator(), AdSpend.none()));
        assertThat(report.error == null ? null : report.error.getMessage())
                .isEqualTo(expectedReport.error == null ? null : expectedReport.error.getMessage());
        if (expectedReport.report != null) {
            assertThat(report.report.rows()).isEqualTo(expectedReport.report.rows());
            assertThat(report.report.toCsv()).isEqualTo(expectedReport.report.toCsv());
        }

        // The generator must keep producing both clean runs and each kind of trouble.
        Statistics.label("outcome PER_PAYOUT").coverage(c -> {
            c.check("journals").percentage(p -> p > 20);
            c.check("ReconciliationException").percentage(p -> p > 5);
            c.check("ConfigurationException").percentage(p -> p > 2);
        });
        Statistics.label("unsettled events").coverage(c -> c.check(true).percentage(p -> p > 2));
        Statistics.label("payout split at month end").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Example
    void aSinkGetsNothingMoreOnceAProblemIsFoundAndTheRunThrows() {
        Scenario s = RandomBooks.scenario(List.of(spec(0), spec(10), spec(20)), List.of(0));
        Reconciler engine = Reconciler.builder().accounts(accounts(false)).taxes(taxes(false)).rates(s.rates()).build();
        List<Order> orders = new ArrayList<>(s.orders());
        orders.add(1, orders.get(0)); // the first order again, second in the stream
        Collecting sink = new Collecting();

        assertThatThrownBy(() -> engine.reconcile(orders.iterator(), ReconcileInput.builder().build(),
                PostingMode.PER_ORDER, sink))
                .isInstanceOf(ReconciliationException.class).hasMessageContaining("order given twice");
        assertThat(sink.journals).extracting(Journal::reference).containsExactly("PH-SHOPIFY-ORDER-o0-2026-03");
    }

    @Example
    void theInputsOwnOrdersComeBeforeTheIterators() {
        Scenario s = RandomBooks.scenario(List.of(spec(0), spec(10), spec(20)), List.of(0));
        Reconciler engine = Reconciler.builder().accounts(accounts(false)).taxes(taxes(false)).rates(s.rates()).build();
        ReconcileInput first = ReconcileInput.builder().addOrder(s.orders().get(2)).addPayouts(s.payouts()).build();
        Collecting sink = new Collecting();

        ReconcileSummary summary = engine.reconcile(s.orders().subList(0, 2).iterator(), first,
                PostingMode.PER_ORDER, sink);

        assertThat(summary.orders()).isEqualTo(3);
        assertThat(sink.journals).extracting(Journal::reference).containsExactly("PH-SHOPIFY-ORDER-o2-2026-03",
                "PH-SHOPIFY-ORDER-o0-2026-03", "PH-SHOPIFY-ORDER-o1-2026-03", "PH-SHOPIFY-SETTLE-Sw0-2026-04");
    }

    // ---------------------------------------------------------------- perturbations

    private static List<Order> perturbOrders(List<Order> given, Perturbation how, Random random) {
        List<Order> orders = new ArrayList<>(given);
        if (how.shuffle()) {
            Collections.shuffle(orders, random);
        }
        for (int i = 0; i < how.dropOrders() && orders.size() > 1; i++) {
            orders.remove(random.nextInt(orders.size()));
        }
        for (int i = 0; i < how.duplicates(); i++) {
            orders.add(random.nextInt(orders.size() + 1), orders.get(random.nextInt(orders.size())));
        }
        return orders;
    }

    private static List<Payout> perturbPayouts(List<Payout> given, Perturbation how, Random random) {
        List<Payout> payouts = new ArrayList<>(given);
        for (int i = 0; i < how.dropPayouts() && !payouts.isEmpty(); i++) {
            payouts.remove(random.nextInt(payouts.size()));
        }
        if (how.undatedPayouts()) {
            // No arrival date and no period end: dated by their latest settled event (or period start).
            payouts.replaceAll(p -> random.nextBoolean() ? p : io.patternhub.core.model.ImmutablePayout.builder()
                    .from(p).arrivalDate(java.util.Optional.empty()).periodEnd(java.util.Optional.empty()).build());
        }
        if (how.relist()) {
            // A payout listing an order twice, and one listing an order of another payout's period.
            payouts.replaceAll(p -> {
                List<String> ids = new ArrayList<>(p.orderIds());
                ids.add(random.nextInt(ids.size() + 1), ids.get(random.nextInt(ids.size())));
                given.stream().filter(o -> o.platform() == p.platform()).skip(random.nextInt(3)).findFirst()
                        .ifPresent(o -> ids.add(random.nextInt(ids.size() + 1), o.orderIds().get(0)));
                return io.patternhub.core.model.ImmutablePayout.builder().from(p).orderIds(ids).build();
            });
        }
        return payouts;
    }

    private static AccountMapping accounts(boolean gappy) {
        AccountMapping.Builder accounts = AccountMapping.builder();
        for (AccountRole role : AccountRole.values()) {
            if (!gappy || role.ordinal() % 4 != 1) {
                accounts.account(role, "R-" + role.key());
            }
        }
        return accounts.build();
    }

    private static TaxMapping taxes(boolean gappy) {
        TaxMapping.Builder taxes = TaxMapping.builder().rule(Platform.ETSY, null, null, "NONE")
                .rule(Platform.SHOPIFY, "DE", null, "OSS-DE").rule(Platform.WOOCOMMERCE, "FR", "digital", "OSS-FR");
        return gappy ? taxes.rule(Platform.CSV, null, null, "CSV").build() : taxes.rule(null, null, null, "T0").build();
    }

    private static OrderSpec spec(int minute) {
        return new OrderSpec(Platform.SHOPIFY, "EUR", minute, List.of(new RandomBooks.LineSpec(1190, 1, 0)),
                List.of(190), "DE", true, false, List.of(), List.of(), 10000);
    }

    @Provide
    Arbitrary<List<OrderSpec>> orders() {
        return new ReconcilePropertiesTest().orders();
    }

    @Provide
    Arbitrary<Perturbation> perturbations() {
        Arbitrary<Integer> rarely = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3)));
        Arbitrary<Boolean> seldom = Arbitraries.frequency(net.jqwik.api.Tuple.of(6, false), net.jqwik.api.Tuple.of(1, true));
        return net.jqwik.api.Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.longs()).in((a, v) -> { a[0] = v; return a; })
                .use(Arbitraries.of(true, false)).in((a, v) -> { a[1] = v; return a; })
                .use(rarely).in((a, v) -> { a[2] = v; return a; })
                .use(rarely).in((a, v) -> { a[3] = v; return a; })
                .use(rarely).in((a, v) -> { a[4] = v; return a; })
                .use(seldom).in((a, v) -> { a[5] = v; return a; })
                .use(seldom).in((a, v) -> { a[6] = v; return a; })
                .use(seldom).in((a, v) -> { a[7] = v; return a; })
                .use(Arbitraries.of("UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Chatham"))
                .in((a, v) -> { a[8] = v; return a; })
                .use(Arbitraries.of(true, false)).in((a, v) -> { a[9] = v; return a; })
                .use(seldom).in((a, v) -> { a[10] = v; return a; })
                .build(a -> new Perturbation((Long) a[0], (Boolean) a[1], (Integer) a[2], (Integer) a[3],
                        (Integer) a[4], (Boolean) a[5], (Boolean) a[6], (Boolean) a[7], (String) a[8], (Boolean) a[9],
                        (Boolean) a[10]));
    }

    // ---------------------------------------------------------------- comparison

    /** A result, a report or the exception a run ended in. */
    private record Outcome(ReconcileResult result, SalesReport report, RuntimeException error) {
    }

    private static Outcome outcome(java.util.function.Supplier<?> run) {
        try {
            Object value = run.get();
            return value instanceof SalesReport r ? new Outcome(null, r, null)
                    : new Outcome((ReconcileResult) value, null, null);
        } catch (io.patternhub.core.error.PatternHubException e) {
            return new Outcome(null, null, e);
        }
    }

    private static void assertSame(Outcome actual, Outcome expected, String what) {
        if (expected.error != null) {
            assertThat(actual.error).as(what).isNotNull().isInstanceOf(expected.error.getClass());
            assertThat(actual.error.getMessage()).as(what).isEqualTo(expected.error.getMessage());
            return;
        }
        assertThat(actual.error).as(what).isNull();
        assertThat(actual.result.journals()).as(what).isEqualTo(expected.result.journals());
        assertThat(actual.result.toJson()).as(what + ", amounts to the digit").isEqualTo(expected.result.toJson());
        assertThat(actual.result.unsettled()).as(what).isEqualTo(expected.result.unsettled());
        assertThat(actual.result.period()).as(what).isEqualTo(expected.result.period());
    }

    private static final class Collecting implements JournalSink {
        final List<Journal> journals = new ArrayList<>();
        final List<UnsettledEvent> unsettled = new ArrayList<>();

        @Override
        public void journal(Journal journal) {
            journals.add(journal);
        }

        @Override
        public void unsettled(UnsettledEvent event) {
            unsettled.add(event);
        }
    }
}
