package io.patternhub.accounting.reconcile;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs for random order/refund/fee/tax/currency mixes, turned into consistent orders and payouts.
 * Each payout's deposit is computed here independently of the engine, the way a platform would:
 * converting unrounded and rounding once.
 */
final class RandomBooks {
    static final Instant START = Instant.parse("2026-03-30T00:00:00Z");
    static final Map<Platform, Currency> PAYOUT_CURRENCY = Map.of(
            Platform.ETSY, Currency.getInstance("GBP"), Platform.SHOPIFY, Currency.getInstance("EUR"),
            Platform.WOOCOMMERCE, Currency.getInstance("EUR"), Platform.CSV, Currency.getInstance("USD"));

    record LineSpec(int priceMinor, int quantity, int discountMinor) {
    }

    record FeeSpec(FeeKind kind, int amountMinor, int taxMinor, boolean inPayoutCurrency) {
    }

    record RefundSpec(int percentOfRemaining, int hoursAfter) {
    }

    record OrderSpec(Platform platform, String currency, int minuteOffset, List<LineSpec> lines, List<Integer> taxesMinor,
                     String country, boolean taxInclusive, boolean statesDiscountTotal, List<FeeSpec> fees,
                     List<RefundSpec> refunds, int rateBasisPoints) {
    }

    record Scenario(List<Order> orders, List<Payout> payouts, FxRates rates, Map<String, BigDecimal> rateByOrder) {
        ReconcileInput input() {
            return ReconcileInput.builder().addOrders(orders).addPayouts(payouts).build();
        }
    }

    private RandomBooks() {
    }

    static Scenario scenario(List<OrderSpec> specs, List<Integer> adjustmentsMinor) {
        List<Order> orders = new ArrayList<>();
        FxRates.Builder rates = FxRates.builder();
        Map<String, BigDecimal> rateByOrder = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            OrderSpec s = specs.get(i);
            String id = "o" + i;
            Order order = order(id, s);
            orders.add(order);
            Currency to = PAYOUT_CURRENCY.get(s.platform());
            BigDecimal rate = rate(order.currency(), s.rateBasisPoints());
            rateByOrder.put(id, order.currency().equals(to) ? BigDecimal.ONE : rate);
            if (!order.currency().equals(to)) {
                rates.orderRate(s.platform(), id, order.currency(), to, rate);
            }
        }
        List<Payout> payouts = new ArrayList<>();
        int adj = 0;
        for (Platform platform : List.of(Platform.ETSY, Platform.SHOPIFY, Platform.WOOCOMMERCE, Platform.CSV)) {
            for (int week = 0; week < 16; week++) {
                Instant from = START.plus(Duration.ofDays(7L * week));
                Instant to = from.plus(Duration.ofDays(7)).minusSeconds(1);
                Currency currency = PAYOUT_CURRENCY.get(platform);
                BigDecimal deposit = BigDecimal.ZERO;
                List<String> ids = new ArrayList<>();
                for (Order o : orders) {
                    if (o.platform() != platform) {
                        continue;
                    }
                    BigDecimal rate = rateByOrder.get(o.externalId());
                    boolean listed = false;
                    if (within(o.createdAt(), from, to)) {
                        listed = true;
                        deposit = deposit.add(saleProceeds(o, currency, rate));
                    }
                    for (Refund r : o.refunds()) {
                        if (within(r.createdAt(), from, to)) {
                            listed = true;
                            deposit = deposit.subtract(refundCost(o, r, rate));
                        }
                    }
                    if (listed) {
                        ids.add(o.externalId());
                    }
                }
                if (ids.isEmpty()) {
                    continue;
                }
                Money adjustment = Money.ofMinor(adjustmentsMinor.get(adj++ % adjustmentsMinor.size()), currency);
                Money net = Money.of(deposit, currency).roundedToCurrency(RoundingMode.HALF_EVEN).plus(adjustment);
                payouts.add(Payout.builder().platform(platform).externalId(platform.name().charAt(0) + "w" + week)
                        .currency(currency).periodStart(from).periodEnd(to)
                        .arrivalDate(LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(2))
                        .gross(net.minus(adjustment)).adjustments(adjustment).net(net).orderIds(ids)
                        .status(PayoutStatus.PAID).build());
            }
        }
        return new Scenario(orders, payouts, rates.build(), rateByOrder);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    /** What a sale adds to the deposit: paid minus marketplace tax, less fees and their tax. Unrounded. */
    private static BigDecimal saleProceeds(Order o, Currency payout, BigDecimal rate) {
        BigDecimal v = o.total().minus(o.taxCollectedBy(TaxCollector.MARKETPLACE)).amount().multiply(rate);
        for (Fee f : o.fees()) {
            BigDecimal charged = f.amount().plus(f.tax().orElse(Money.zero(f.amount().currency()))).amount();
            v = v.subtract(f.amount().currency().equals(payout) ? charged : charged.multiply(rate));
        }
        return v;
    }

    /** What a refund takes from the deposit: the refund less the marketplace tax the marketplace returns itself. */
    private static BigDecimal refundCost(Order o, Refund r, BigDecimal rate) {
        Money marketTax = o.taxCollectedBy(TaxCollector.MARKETPLACE);
        Money share = Money.zero(o.currency());
        if (!marketTax.isZero() && o.total().isPositive()) {
            share = r.amount().times(marketTax.amount().divide(o.total().amount(), 12, RoundingMode.HALF_EVEN),
                    RoundingMode.HALF_EVEN);
            share = share.isGreaterThan(r.amount()) ? r.amount() : share;
        }
        return r.amount().minus(share).amount().multiply(rate);
    }

    static BigDecimal rate(Currency from, int basisPoints) {
        BigDecimal r = BigDecimal.valueOf(basisPoints, 4); // 0.5000 .. 2.0000
        return from.getCurrencyCode().equals("JPY") ? r.movePointLeft(2) : r;
    }

    private static Order order(String id, OrderSpec s) {
        Currency cur = Currency.getInstance(s.currency());
        Currency payout = PAYOUT_CURRENCY.get(s.platform());
        Instant created = START.plus(Duration.ofMinutes(s.minuteOffset()));
        List<LineItem> lines = new ArrayList<>();
        Money subtotal = Money.zero(cur);
        Money discounts = Money.zero(cur);
        for (int i = 0; i < s.lines().size(); i++) {
            LineSpec l = s.lines().get(i);
            Money price = Money.ofMinor(l.priceMinor(), cur);
            Money gross = price.times(l.quantity());
            Money discount = Money.ofMinor(Math.min(l.discountMinor(), gross.toMinorUnits()), cur);
            var b = LineItem.builder().externalId(id + "-l" + i).title("Pattern " + i)
                    .quantity(l.quantity()).unitPrice(price);
            if (discount.isPositive()) {
                b.discount(discount);
            }
            LineItem line = b.build();
            lines.add(line);
            subtotal = subtotal.plus(line.total());
            discounts = discounts.plus(discount);
        }
        TaxCollector collector = s.platform() == Platform.ETSY ? TaxCollector.MARKETPLACE : TaxCollector.SELLER;
        List<TaxLine> taxes = new ArrayList<>();
        Money taxTotal = Money.zero(cur);
        for (int t : s.taxesMinor()) {
            Money amount = Money.ofMinor(t, cur);
            if (s.taxInclusive() && taxTotal.plus(amount).isGreaterThan(subtotal)) {
                break; // included tax cannot exceed the price
            }
            if (amount.isZero()) {
                continue;
            }
            var tb = TaxLine.builder().amount(amount).collectedBy(collector);
            if (s.country() != null) {
                tb.country(s.country());
            }
            taxes.add(tb.build());
            taxTotal = taxTotal.plus(amount);
        }
        Money total = s.taxInclusive() ? subtotal : subtotal.plus(taxTotal);
        List<Fee> fees = new ArrayList<>();
        for (FeeSpec f : s.fees()) {
            Currency fc = f.inPayoutCurrency() ? payout : cur;
            var fb = Fee.builder().kind(f.kind()).amount(Money.ofMinor(f.amountMinor(), fc));
            if (f.taxMinor() > 0) {
                fb.tax(Money.ofMinor(f.taxMinor(), fc));
            }
            fees.add(fb.build());
        }
        List<Refund> refunds = new ArrayList<>();
        Money remaining = total;
        Instant last = created;
        for (int i = 0; i < s.refunds().size(); i++) {
            RefundSpec r = s.refunds().get(i);
            Money amount = remaining.times(BigDecimal.valueOf(r.percentOfRemaining(), 2), RoundingMode.DOWN);
            if (!amount.isPositive()) {
                continue;
            }
            last = last.plus(Duration.ofHours(r.hoursAfter()));
            refunds.add(Refund.builder().externalId("r" + i).amount(amount).createdAt(last).build());
            remaining = remaining.minus(amount);
        }
        var ob = Order.builder().platform(s.platform()).externalId(id).createdAt(created).currency(cur)
                .lineItems(lines).taxes(taxes).fees(fees).refunds(refunds).subtotal(subtotal).total(total)
                .status(refunds.isEmpty() ? OrderStatus.PAID : OrderStatus.PARTIALLY_REFUNDED);
        if (s.statesDiscountTotal()) {
            ob.discountsTotal(discounts);
        }
        if (s.country() != null) {
            ob.buyer(CustomerRef.builder().platform(s.platform()).externalId("b-" + id).country(s.country()).build());
        }
        return ob.build();
    }
}
