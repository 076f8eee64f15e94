package io.patternhub.accounting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.accounting.reconcile.RandomBooks.FeeSpec;
import io.patternhub.accounting.reconcile.RandomBooks.LineSpec;
import io.patternhub.accounting.reconcile.RandomBooks.OrderSpec;
import io.patternhub.accounting.reconcile.RandomBooks.RefundSpec;
import io.patternhub.accounting.reconcile.RandomBooks.Scenario;
import io.patternhub.accounting.reconcile.internal.JournalPlanner;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.PlatformMonth;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random order/refund/fee/tax/currency mixes across Etsy (marketplace tax, GBP payouts), Shopify and
 * WooCommerce (seller tax, EUR payouts) and a CSV shop (USD payouts), orders in EUR, GBP, USD or JPY.
 */
class ReconcilePropertiesTest {
    private static final String CLEARING = "R-clearing";
    private static final String BANK = "R-bank";

    static Reconciler engine(FxRates rates) {
        AccountMapping.Builder accounts = AccountMapping.builder();
        for (AccountRole role : AccountRole.values()) {
            accounts.account(role, "R-" + role.key());
        }
        TaxMapping taxes = TaxMapping.builder().rule(null, null, null, "T0").rule(Platform.ETSY, null, null, "NONE")
                .rule(Platform.SHOPIFY, "DE", null, "OSS-DE").rule(Platform.WOOCOMMERCE, "FR", "digital", "OSS-FR")
                .build();
        return Reconciler.builder().accounts(accounts.build()).taxes(taxes).rates(rates).build();
    }

    @Property(tries = 150)
    void everyJournalBalancesToTheCentAndPayoutsEqualTheirDeposits(
            @ForAll("orders") List<OrderSpec> specs, @ForAll @Size(min = 1, max = 4) List<@IntRange(min = -500, max = 500) Integer> adjustments) {
        Scenario s = RandomBooks.scenario(specs, adjustments);
        Reconciler engine = engine(s.rates());

        for (PostingMode mode : PostingMode.values()) {
            ReconcileResult result = engine.reconcile(s.input(), mode);
            assertThat(result.unsettled()).isEmpty();
            for (Journal j : result.journals()) {
                assertThat(j.totalDebits()).isEqualTo(j.totalCredits());
                for (JournalLine line : j.lines()) {
                    int digits = line.amount().currency().getDefaultFractionDigits();
                    assertThat(line.amount().amount().stripTrailingZeros().scale())
                            .as("%s in %s is whole minor units", line.amount(), j.reference()).isLessThanOrEqualTo(digits);
                    assertThat(line.accountCode()).as("only rounding, never an FX difference")
                            .isNotEqualTo("R-fx_gain_loss");
                }
            }
            String kind = mode == PostingMode.PER_PAYOUT ? "-PAYOUT-" : "-SETTLE-";
            for (Payout payout : s.payouts()) {
                String prefix = "PH-" + payout.platform().name() + kind + payout.externalId() + "-";
                Money banked = Money.zero(payout.currency());
                for (Journal j : result.journals()) {
                    if (j.reference().startsWith(prefix)) {
                        banked = banked.plus(signedSum(j, BANK));
                    }
                }
                assertThat(banked).as("bank lines of payout %s", payout.externalId()).isEqualTo(payout.net());
            }
            if (mode == PostingMode.PER_PAYOUT) {
                List<Journal> js = result.journals();
                Statistics.label("payout split at month end").collect(js.stream()
                        .anyMatch(j -> j.memo().orElse("").contains(" part of ")));
                Statistics.label("rounding line").collect(js.stream().flatMap(j -> j.lines().stream())
                        .anyMatch(l -> l.accountCode().equals("R-rounding")));
                Statistics.label("converted currency").collect(s.rateByOrder().values().stream()
                        .anyMatch(r -> r.compareTo(BigDecimal.ONE) != 0));
            }
        }
        // The generator must keep producing the cases the properties are about.
        Statistics.label("payout split at month end").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("rounding line").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("converted currency").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Property(tries = 150)
    void nothingIsLostOrCountedTwiceAcrossModes(
            @ForAll("orders") List<OrderSpec> specs, @ForAll @Size(min = 1, max = 4) List<@IntRange(min = -500, max = 500) Integer> adjustments) {
        Scenario s = RandomBooks.scenario(specs, adjustments);
        Reconciler engine = engine(s.rates());
        List<Journal> perPayout = engine.reconcile(s.input(), PostingMode.PER_PAYOUT).journals();
        List<Journal> perOrder = engine.reconcile(s.input(), PostingMode.PER_ORDER).journals();

        Map<String, Money> payoutSums = new TreeMap<>();
        for (Journal j : perPayout) {
            for (JournalLine l : j.lines()) {
                if (!l.accountCode().equals("R-rounding")) {
                    payoutSums.merge(l.accountCode() + " " + j.currency(), signed(l), Money::plus);
                }
            }
        }
        Map<String, Money> orderSums = new TreeMap<>();
        for (Journal j : perOrder) {
            String orderId = orderIdOf(j.reference());
            for (JournalLine l : j.lines()) {
                if (l.accountCode().equals(CLEARING)) {
                    continue;
                }
                Money amount = signed(l);
                if (orderId != null) {
                    Currency to = RandomBooks.PAYOUT_CURRENCY.get(platformOf(j.reference()));
                    if (!amount.currency().equals(to)) {
                        // Convert each line exactly as the payout summary converts it: once, at the platform's rate.
                        amount = JournalPlanner.convert(amount, to, s.rateByOrder().get(orderId));
                    }
                }
                orderSums.merge(l.accountCode() + " " + amount.currency(), amount, Money::plus);
            }
        }
        payoutSums.values().removeIf(Money::isZero);
        orderSums.values().removeIf(Money::isZero);
        assertThat(payoutSums).isEqualTo(orderSums);
    }

    @Property(tries = 60)
    void reportNetEqualsWhatTheOrdersPutIntoClearing(@ForAll("orders") List<OrderSpec> specs) {
        Scenario s = RandomBooks.scenario(specs, List.of(0));
        Reconciler engine = engine(s.rates());
        Map<String, Money> clearing = new TreeMap<>();
        for (Journal j : engine.reconcile(s.input(), PostingMode.PER_ORDER).journals()) {
            if (orderIdOf(j.reference()) != null) {
                clearing.merge(j.currency().getCurrencyCode(), signedSum(j, CLEARING), Money::plus);
            }
        }
        Map<String, Money> reported = new TreeMap<>();
        for (PlatformMonth row : engine.report(s.input(), AdSpend.none()).rows()) {
            reported.merge(row.currency(), row.net(), Money::plus);
            Money parts = row.gross().minus(row.discounts()).minus(row.refunds()).plus(row.sellerTax())
                    .minus(row.totalFees()).minus(row.feeTax());
            assertThat(parts).as("net of %s %s", row.platform(), row.month()).isEqualTo(row.net());
        }
        clearing.values().removeIf(Money::isZero);
        reported.values().removeIf(Money::isZero);
        assertThat(reported).isEqualTo(clearing);
    }

    @Provide
    Arbitrary<List<OrderSpec>> orders() {
        Arbitrary<LineSpec> line = Combinators.combine(Arbitraries.integers().between(0, 5000),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 800)).as(LineSpec::new);
        Arbitrary<FeeSpec> fee = Combinators.combine(Arbitraries.of(FeeKind.class),
                Arbitraries.integers().between(-100, 800), Arbitraries.integers().between(0, 150),
                Arbitraries.of(true, false)).as(FeeSpec::new);
        Arbitrary<RefundSpec> refund = Combinators.combine(Arbitraries.integers().between(1, 100),
                Arbitraries.integers().between(1, 500)).as(RefundSpec::new);
        Arbitrary<OrderSpec> order = Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.of(Platform.ETSY, Platform.SHOPIFY, Platform.WOOCOMMERCE, Platform.CSV))
                .in((a, v) -> { a[0] = v; return a; })
                .use(Arbitraries.of("EUR", "GBP", "USD", "JPY")).in((a, v) -> { a[1] = v; return a; })
                .use(Arbitraries.integers().between(0, 60 * 24 * 60)).in((a, v) -> { a[2] = v; return a; })
                .use(line.list().ofMinSize(0).ofMaxSize(3)).in((a, v) -> { a[3] = v; return a; })
                .use(Arbitraries.integers().between(0, 1000).list().ofMaxSize(2)).in((a, v) -> { a[4] = v; return a; })
                .use(Arbitraries.of("DE", "FR", "GB", "US").injectNull(0.2)).in((a, v) -> { a[5] = v; return a; })
                .use(Arbitraries.of(true, false)).in((a, v) -> { a[6] = v; return a; })
                .use(Arbitraries.of(true, false)).in((a, v) -> { a[7] = v; return a; })
                .use(fee.list().ofMaxSize(3)).in((a, v) -> { a[8] = v; return a; })
                .use(refund.list().ofMaxSize(2)).in((a, v) -> { a[9] = v; return a; })
                .use(Arbitraries.integers().between(5000, 20000)).in((a, v) -> { a[10] = v; return a; })
                .build(ReconcilePropertiesTest::spec);
        return order.list().ofMinSize(1).ofMaxSize(25);
    }

    @SuppressWarnings("unchecked")
    private static OrderSpec spec(Object[] a) {
        return new OrderSpec((Platform) a[0], (String) a[1], (Integer) a[2], (List<LineSpec>) a[3],
                (List<Integer>) a[4], (String) a[5], (Boolean) a[6], (Boolean) a[7], (List<FeeSpec>) a[8],
                (List<RefundSpec>) a[9], (Integer) a[10]);
    }

    private static Money signed(JournalLine l) {
        return l.isDebit() ? l.amount() : l.amount().negate();
    }

    private static Money signedSum(Journal j, String account) {
        return j.lines().stream().filter(l -> l.accountCode().equals(account)).map(ReconcilePropertiesTest::signed)
                .reduce(Money.zero(j.currency()), Money::plus);
    }

    /** The order id in a per-order reference (PH-ETSY-ORDER-o3-2026-05, PH-ETSY-REFUND-o3-r0-2026-05), else null. */
    private static String orderIdOf(String reference) {
        String[] parts = reference.split("-");
        return parts[2].equals("ORDER") || parts[2].equals("REFUND") ? parts[3] : null;
    }

    private static Platform platformOf(String reference) {
        return Platform.valueOf(reference.split("-")[1]);
    }

}
