package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.internal.MappingKeys;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.UnsettledEvent;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the journals of both posting modes from the same postings.
 *
 * <ul>
 *   <li>Per payout: the events a payout settles, converted at the platform's rate into the payout's
 *       currency, summed per role, one journal per calendar month the events fall in. Each part
 *       balances against the bank; the bank lines of the parts add up to the deposit. Conversion
 *       rounding goes to the rounding account, a larger difference on a converted payout to FX
 *       gains/losses; an unexplained difference on a single-currency payout is an error.</li>
 *   <li>Per order: one journal per sale and per refund, in the order's currency, against the
 *       channel's clearing account; one settlement journal per payout moves the deposit from clearing
 *       to the bank (with adjustments and payout-level fees).</li>
 * </ul>
 */
public final class JournalPlanner {
    private final ReconcileInput input;
    private final FxRates rates;
    private final ZoneId zone;
    private final PostingExtractor extractor;
    private final JournalWriter writer;
    private final Problems problems;

    private final Map<String, Order> ordersByKey = new HashMap<>();
    private final Map<String, List<Posting>> postingsByOrder = new LinkedHashMap<>();
    private final Map<String, Payout> assignment = new HashMap<>();
    private final List<UnsettledEvent> unsettled = new ArrayList<>();

    public JournalPlanner(ReconcileInput input, FxRates rates, ZoneId zone, PostingExtractor extractor,
                          JournalWriter writer, Problems problems) {
        this.input = input;
        this.rates = rates;
        this.zone = zone;
        this.extractor = extractor;
        this.writer = writer;
        this.problems = problems;
        index();
    }

    public List<UnsettledEvent> unsettled() {
        return List.copyOf(unsettled);
    }

    // ---------------------------------------------------------------- per payout

    public List<Journal> perPayout() {
        List<Journal> out = new ArrayList<>();
        for (Payout payout : sortedPayouts()) {
            out.addAll(payoutJournals(payout));
        }
        return out;
    }

    private List<Journal> payoutJournals(Payout payout) {
        Currency currency = payout.currency();
        LocalDate payoutDate = payoutDate(payout);
        TreeMap<YearMonth, List<Posting>> parts = new TreeMap<>();
        int converted = 0;
        boolean incomplete = false;
        for (Posting p : settledBy(payout)) {
            Optional<Posting> c = convert(p, payout);
            if (c.isEmpty()) {
                incomplete = true;
                continue;
            }
            if (!p.currency().equals(currency)) {
                converted++;
            }
            parts.computeIfAbsent(month(p.at()), m -> new ArrayList<>()).add(c.get());
        }
        List<Posting> payoutLevel = payoutLevel(payout, payoutDate);
        if (!payoutLevel.isEmpty() || parts.isEmpty()) {
            parts.computeIfAbsent(YearMonth.from(payoutDate), m -> new ArrayList<>());
        }
        if (incomplete) {
            return List.of(); // the conversion problem is reported; a deposit mismatch would only repeat it
        }
        YearMonth last = parts.lastKey();
        parts.get(last).addAll(payoutLevel);

        Money residual = payout.net();
        for (List<Posting> part : parts.values()) {
            residual = residual.plus(sum(part, currency));
        }
        if (!residual.isZero()) {
            Posting balancing = balancing(payout, payoutDate, residual, converted);
            if (balancing == null) {
                return List.of();
            }
            parts.get(last).add(balancing);
        }

        List<Journal> out = new ArrayList<>();
        Money banked = Money.zero(currency);
        for (Map.Entry<YearMonth, List<Posting>> e : parts.entrySet()) {
            YearMonth month = e.getKey();
            List<Posting> lines = new ArrayList<>(e.getValue());
            Money bank = month.equals(last) ? payout.net().minus(banked) : sum(lines, currency).negate();
            banked = banked.plus(bank);
            LocalDate date = month.equals(YearMonth.from(payoutDate)) ? payoutDate : month.atEndOfMonth();
            lines.add(payoutPosting(payout, date, AccountRole.BANK, "payout " + payout.externalId(), bank));
            String memo = payout.platform().displayName() + " payout " + payout.externalId()
                    + (parts.size() > 1 ? " (" + month + " part of " + parts.size() + ")" : "");
            writer.write(payout.platform(), date, References.payout(payout.platform(), payout.externalId(), month),
                    memo, currency, lines).ifPresent(out::add);
        }
        return out;
    }

    /** Rounding within half a minor unit per converted line; beyond that FX on a converted payout; else an error. */
    private Posting balancing(Payout payout, LocalDate date, Money residual, int converted) {
        Currency currency = payout.currency();
        long tolerance = (converted + 1L) / 2;
        Money limit = Money.ofMinor(tolerance, currency);
        if (!residual.abs().isGreaterThan(limit) && converted > 0) {
            return payoutPosting(payout, date, AccountRole.ROUNDING, "currency rounding", residual.negate());
        }
        if (converted > 0) {
            return payoutPosting(payout, date, AccountRole.FX_GAIN_LOSS, "exchange difference", residual.negate());
        }
        List<String> missing = payout.orderIds().stream()
                .filter(id -> !ordersByKey.containsKey(key(payout.platform(), id))).toList();
        problems.input("payout " + payout.externalId(), "the deposit is " + payout.net()
                + " but the orders, fees and adjustments given account for " + payout.net().minus(residual)
                + " (difference " + residual + ")" + (missing.isEmpty() ? "" : "; orders not given: " + missing));
        return null;
    }

    private List<Posting> payoutLevel(Payout payout, LocalDate date) {
        List<Posting> out = new ArrayList<>();
        if (!payout.adjustments().isZero()) {
            out.add(payoutPosting(payout, date, AccountRole.ADJUSTMENTS, "payout adjustments",
                    payout.adjustments().negate()));
        }
        for (Fee fee : input.payoutFees(payout)) {
            out.add(payoutPosting(payout, date, AccountRole.fee(fee.kind()),
                    "fees " + fee.kind().name().toLowerCase(java.util.Locale.ROOT), fee.amount()));
            fee.tax().ifPresent(t -> out.add(payoutPosting(payout, date, AccountRole.FEE_TAX, "tax on fees", t)));
        }
        out.removeIf(p -> p.amount().isZero());
        return out;
    }

    private Optional<Posting> convert(Posting p, Payout payout) {
        Currency to = payout.currency();
        if (p.currency().equals(to)) {
            return Optional.of(p);
        }
        Order order = ordersByKey.get(key(p.channel(), p.orderId()));
        if (!p.currency().equals(order.currency())) {
            problems.input("order " + p.orderId(), p.label() + " of " + p.amount() + " is neither in the order's"
                    + " currency nor in payout " + payout.externalId() + "'s " + to.getCurrencyCode());
            return Optional.empty();
        }
        Optional<BigDecimal> rate = rates.rate(p.channel(), p.orderId(), p.currency(), to);
        if (rate.isEmpty()) {
            problems.input("order " + p.orderId(), "no " + p.channel().displayName() + " exchange rate from "
                    + p.currency().getCurrencyCode() + " to " + to.getCurrencyCode() + " (payout "
                    + payout.externalId() + "); add it to FxRates");
            return Optional.empty();
        }
        return Optional.of(p.withAmounts(convert(p.amount(), to, rate.get()),
                p.taxAmount() == null ? null : convert(p.taxAmount(), to, rate.get())));
    }

    /** Converts one posting at the platform's rate, rounded half-even to the target currency. */
    public static Money convert(Money amount, Currency to, BigDecimal rate) {
        return Money.of(amount.amount().multiply(rate), to).roundedToCurrency(RoundingMode.HALF_EVEN);
    }

    // ---------------------------------------------------------------- per order

    public List<Journal> perOrder() {
        List<Journal> out = new ArrayList<>();
        for (Map.Entry<String, List<Posting>> e : postingsByOrder.entrySet()) {
            Order order = ordersByKey.get(e.getKey());
            Map<String, List<Posting>> groups = new LinkedHashMap<>();
            for (Posting p : e.getValue()) {
                groups.computeIfAbsent(p.event() + "|" + p.currency().getCurrencyCode(), k -> new ArrayList<>()).add(p);
            }
            for (List<Posting> group : groups.values()) {
                Posting first = group.get(0);
                Currency currency = first.currency();
                LocalDate date = date(first.at());
                String suffix = currency.equals(order.currency()) ? null : currency.getCurrencyCode();
                String reference = PostingExtractor.SALE.equals(first.event())
                        ? References.sale(order.platform(), order.externalId(), YearMonth.from(date), suffix)
                        : References.refund(order.platform(), order.externalId(),
                        first.event().substring("refund:".length()), YearMonth.from(date), suffix);
                List<Posting> lines = new ArrayList<>(group);
                lines.add(new Posting(order.platform(), order.externalId(), first.event(), first.at(),
                        AccountRole.CLEARING, null, "clearing", sum(group, currency).negate(), null));
                String memo = order.platform().displayName() + " order " + order.orderNumber()
                        .orElse(order.externalId()) + (first.event().equals(PostingExtractor.SALE) ? "" : " refund");
                writer.write(order.platform(), date, reference, memo, currency, lines).ifPresent(out::add);
            }
        }
        for (Payout payout : sortedPayouts()) {
            LocalDate date = payoutDate(payout);
            List<Posting> lines = payoutLevel(payout, date);
            lines.add(payoutPosting(payout, date, AccountRole.BANK, "payout " + payout.externalId(), payout.net()));
            lines.add(payoutPosting(payout, date, AccountRole.CLEARING, "clearing", sum(lines, payout.currency()).negate()));
            writer.write(payout.platform(), date,
                    References.settlement(payout.platform(), payout.externalId(), YearMonth.from(date)),
                    payout.platform().displayName() + " payout " + payout.externalId(), payout.currency(), lines)
                    .ifPresent(out::add);
        }
        return out;
    }

    // ---------------------------------------------------------------- shared

    /** All postings of all orders, for reports. */
    public List<Posting> allPostings() {
        List<Posting> all = new ArrayList<>();
        postingsByOrder.values().forEach(all::addAll);
        return all;
    }

    private void index() {
        for (Order order : input.orders()) {
            String key = key(order.platform(), order.externalId());
            if (ordersByKey.putIfAbsent(key, order) != null) {
                problems.input("order " + order.externalId(), order.platform().displayName()
                        + " order given twice; give each order once, with all its refunds");
                continue;
            }
            postingsByOrder.put(key, extractor.postings(order));
        }
        Map<String, List<Payout>> payoutsByOrder = new HashMap<>();
        for (Payout payout : sortedPayouts()) {
            for (String orderId : payout.orderIds()) {
                payoutsByOrder.computeIfAbsent(key(payout.platform(), orderId), k -> new ArrayList<>()).add(payout);
            }
        }
        for (Map.Entry<String, List<Posting>> e : postingsByOrder.entrySet()) {
            Map<String, Instant> events = new LinkedHashMap<>();
            e.getValue().forEach(p -> events.putIfAbsent(p.event(), p.at()));
            Order order = ordersByKey.get(e.getKey());
            for (Map.Entry<String, Instant> ev : events.entrySet()) {
                Payout settling = payoutsByOrder.getOrDefault(e.getKey(), List.of()).stream()
                        .filter(p -> covers(p, ev.getValue())).findFirst().orElse(null);
                if (settling == null) {
                    unsettled.add(new UnsettledEvent(order.platform(), order.externalId(), ev.getKey(), ev.getValue()));
                } else {
                    assignment.put(e.getKey() + "|" + ev.getKey(), settling);
                }
            }
        }
    }

    /**
     * The postings a payout settles, merged per order, event, role, tax code, label and currency, so
     * that each is converted (and rounded) exactly once, as the matching per-order journal line is.
     */
    private List<Posting> settledBy(Payout payout) {
        Map<String, Posting> merged = new LinkedHashMap<>();
        for (String orderId : new java.util.LinkedHashSet<>(payout.orderIds())) {
            String key = key(payout.platform(), orderId);
            for (Posting p : postingsByOrder.getOrDefault(key, List.of())) {
                if (assignment.get(key + "|" + p.event()) == payout) {
                    merged.merge(key + "|" + p.event() + "|" + p.role() + "|" + p.taxCode() + "|" + p.label() + "|"
                            + p.currency().getCurrencyCode(), p, JournalPlanner::merge);
                }
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static Posting merge(Posting a, Posting b) {
        Money tax = a.taxAmount() == null ? b.taxAmount()
                : b.taxAmount() == null ? a.taxAmount() : a.taxAmount().plus(b.taxAmount());
        return a.withAmounts(a.amount().plus(b.amount()), tax);
    }

    private static boolean covers(Payout payout, Instant at) {
        return payout.periodStart().map(s -> !at.isBefore(s)).orElse(true)
                && payout.periodEnd().map(e -> !at.isAfter(e)).orElse(true);
    }

    private List<Payout> sortedPayouts() {
        List<Payout> sorted = new ArrayList<>(input.payouts());
        sorted.sort(Comparator.comparing((Payout p) -> p.platform())
                .thenComparing(p -> p.periodStart().orElse(Instant.MIN))
                .thenComparing(p -> p.arrivalDate().orElse(LocalDate.MIN))
                .thenComparing(Payout::externalId));
        return sorted;
    }

    private LocalDate payoutDate(Payout payout) {
        return payout.arrivalDate()
                .or(() -> payout.periodEnd().map(this::date))
                .or(() -> settledBy(payout).stream().map(Posting::at).max(Comparator.naturalOrder()).map(this::date))
                .or(() -> payout.periodStart().map(this::date))
                .orElseGet(() -> {
                    problems.input("payout " + payout.externalId(), "has no arrival date, period or orders to date it by");
                    return LocalDate.EPOCH;
                });
    }

    private Posting payoutPosting(Payout payout, LocalDate date, AccountRole role, String label, Money amount) {
        return new Posting(payout.platform(), null, "payout", date.atStartOfDay(zone).toInstant(), role, null, label,
                amount, null);
    }

    private LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private YearMonth month(Instant at) {
        return YearMonth.from(date(at));
    }

    private static Money sum(List<Posting> postings, Currency currency) {
        Money total = Money.zero(currency);
        for (Posting p : postings) {
            total = total.plus(p.amount());
        }
        return total;
    }

    private static String key(Platform channel, String orderId) {
        return channel + "/" + orderId;
    }
}
