package io.patternhub.accounting.reconcile;

import io.patternhub.accounting.reconcile.RandomBooks.FeeSpec;
import io.patternhub.accounting.reconcile.RandomBooks.LineSpec;
import io.patternhub.accounting.reconcile.RandomBooks.OrderSpec;
import io.patternhub.accounting.reconcile.RandomBooks.RefundSpec;
import io.patternhub.accounting.reconcile.RandomBooks.Scenario;
import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.ImmutablePayout;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The fixed corpus of books the recorded reconciliation outputs ({@link ReconcileGolden}) were taken
 * from. Built with plain {@link Random} and fixed seeds (one per case, so adding cases does not shift
 * earlier ones), never with a property-testing library whose generators may change between versions:
 * the same case number must give the same books forever. Covers the random books of
 * {@link ReconcilePropertiesTest} (payouts spanning month ends, four currencies converted into each
 * channel's payout currency), then perturbed: orders shuffled, payouts dropped (unsettled events),
 * listed orders left out or given twice, rates or mappings missing, payouts without dates, payouts
 * listing an order twice or another payout's order, a period filter, zones with daylight saving.
 */
final class GoldenBooks {
    /** How many cases the corpus holds; the recorded file has one line per case. */
    static final int CASES = 300;

    static final Function<LineItem, String> TAX_CLASS = l -> l.unitPrice().amount().intValue() % 3 == 0
            ? "physical" : TaxMapping.DIGITAL;

    private static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/Los_Angeles", "Pacific/Chatham");
    private static final long SEED = 0x5EED_B00CL;

    /** How a case bends its clean books. */
    record Perturbation(long seed, boolean shuffle, int dropPayouts, int dropOrders, int duplicates,
                        boolean noRates, boolean gappyMapping, boolean undatedPayouts, String zone,
                        boolean period, boolean relist) {
    }

    /** One case: everything an engine needs, ready to reconcile. */
    record Books(int index, List<Order> orders, List<Payout> payouts, FxRates rates, AccountMapping accounts,
                 TaxMapping taxes, ZoneId zone, YearMonth period) {
        ReconcileInput input() {
            return ReconcileInput.builder().addOrders(orders).addPayouts(payouts).build();
        }

        ReconcileInput payoutsOnly() {
            return ReconcileInput.builder().addPayouts(payouts).build();
        }

        Reconciler engine() {
            return Reconciler.builder().accounts(accounts).taxes(taxes).rates(rates).zone(zone).taxClassOf(TAX_CLASS)
                    .build();
        }
    }

    private GoldenBooks() {
    }

    /** Case {@code index} of the corpus, the same on every run and JDK. */
    static Books books(int index) {
        Random random = new Random(SEED ^ index * 0x9E3779B97F4A7C15L); // spread: close seeds start alike
        List<OrderSpec> specs = new ArrayList<>();
        for (int n = size(random, 1, 25); n > 0; n--) {
            specs.add(order(random));
        }
        List<Integer> adjustments = new ArrayList<>();
        for (int n = size(random, 1, 4); n > 0; n--) {
            adjustments.add(between(random, -500, 500));
        }
        Perturbation how = perturbation(random);

        Scenario s = RandomBooks.scenario(specs, adjustments);
        Random perturb = new Random(how.seed());
        List<Order> orders = perturbOrders(s.orders(), how, perturb);
        List<Payout> payouts = perturbPayouts(s.payouts(), how, perturb);
        ZoneId zone = ZoneId.of(how.zone());
        YearMonth period = how.period()
                ? YearMonth.from(RandomBooks.START.atZone(zone)).plusMonths(perturb.nextInt(4)) : null;
        return new Books(index, orders, payouts, how.noRates() ? FxRates.none() : s.rates(),
                accounts(how.gappyMapping()), taxes(how.gappyMapping()), zone, period);
    }

    static AccountMapping accounts(boolean gappy) {
        AccountMapping.Builder accounts = AccountMapping.builder();
        for (AccountRole role : AccountRole.values()) {
            if (!gappy || role.ordinal() % 4 != 1) {
                accounts.account(role, "R-" + role.key());
            }
        }
        return accounts.build();
    }

    static TaxMapping taxes(boolean gappy) {
        TaxMapping.Builder taxes = TaxMapping.builder().rule(Platform.ETSY, null, null, "NONE")
                .rule(Platform.SHOPIFY, "DE", null, "OSS-DE").rule(Platform.WOOCOMMERCE, "FR", "digital", "OSS-FR");
        return gappy ? taxes.rule(Platform.CSV, null, null, "CSV").build() : taxes.rule(null, null, null, "T0").build();
    }

    // ---------------------------------------------------------------- generation

    private static OrderSpec order(Random r) {
        Platform platform = pick(r, List.of(Platform.ETSY, Platform.SHOPIFY, Platform.WOOCOMMERCE, Platform.CSV));
        String currency = pick(r, List.of("EUR", "GBP", "USD", "JPY"));
        int minute = between(r, 0, 60 * 24 * 60);
        List<LineSpec> lines = new ArrayList<>();
        for (int n = size(r, 0, 3); n > 0; n--) {
            lines.add(new LineSpec(between(r, 0, 5000), between(r, 1, 3), between(r, 0, 800)));
        }
        List<Integer> taxes = new ArrayList<>();
        for (int n = size(r, 0, 2); n > 0; n--) {
            taxes.add(between(r, 0, 1000));
        }
        String country = r.nextInt(5) == 0 ? null : pick(r, List.of("DE", "FR", "GB", "US"));
        boolean inclusive = r.nextBoolean();
        boolean statesDiscounts = r.nextBoolean();
        List<FeeSpec> fees = new ArrayList<>();
        for (int n = size(r, 0, 3); n > 0; n--) {
            fees.add(new FeeSpec(pick(r, List.of(FeeKind.values())), between(r, -100, 800), between(r, 0, 150),
                    r.nextBoolean()));
        }
        List<RefundSpec> refunds = new ArrayList<>();
        for (int n = size(r, 0, 2); n > 0; n--) {
            refunds.add(new RefundSpec(between(r, 1, 100), between(r, 1, 500)));
        }
        return new OrderSpec(platform, currency, minute, lines, taxes, country, inclusive, statesDiscounts, fees,
                refunds, between(r, 5000, 20000));
    }

    private static Perturbation perturbation(Random r) {
        return new Perturbation(r.nextLong(), r.nextBoolean(), rarely(r), rarely(r), rarely(r), seldom(r), seldom(r),
                seldom(r), pick(r, ZONES), r.nextBoolean(), seldom(r));
    }

    /** 0 six times in seven, else 1 to 3. */
    private static int rarely(Random r) {
        return r.nextInt(7) == 0 ? 1 + r.nextInt(3) : 0;
    }

    /** True once in seven. */
    private static boolean seldom(Random r) {
        return r.nextInt(7) == 0;
    }

    /** Uniform in [lo, hi], with each bound favoured (one in twenty) since edges find the bugs. */
    private static int between(Random r, int lo, int hi) {
        int edge = r.nextInt(20);
        return edge == 0 ? lo : edge == 1 ? hi : lo + r.nextInt(hi - lo + 1);
    }

    private static int size(Random r, int min, int max) {
        return between(r, min, max);
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
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
            payouts.replaceAll(p -> random.nextBoolean() ? p : ImmutablePayout.builder()
                    .from(p).arrivalDate(Optional.empty()).periodEnd(Optional.empty()).build());
        }
        if (how.relist()) {
            // A payout listing an order twice, and one listing an order of another payout's period.
            payouts.replaceAll(p -> {
                List<String> ids = new ArrayList<>(p.orderIds());
                ids.add(random.nextInt(ids.size() + 1), ids.get(random.nextInt(ids.size())));
                given.stream().filter(o -> o.platform() == p.platform()).skip(random.nextInt(3)).findFirst()
                        .ifPresent(o -> ids.add(random.nextInt(ids.size() + 1), o.orderIds().get(0)));
                return ImmutablePayout.builder().from(p).orderIds(ids).build();
            });
        }
        return payouts;
    }
}
