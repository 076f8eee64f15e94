package io.patternhub.accounting.reconcile.internal;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.UnsettledEvent;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.PostingMode;
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
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds the journals of both posting modes from the same postings, one order at a time: nothing
 * per order is kept once the order is processed (but its fingerprint, to refuse duplicates).
 *
 * <ul>
 *   <li>Per payout: the events a payout settles, converted at the platform's rate into the payout's
 *       currency, summed per role, one journal per calendar month the events fall in. Each order's
 *       settled postings are merged and converted (rounded) as the order passes, then added to a small
 *       accumulator per payout and month; the journals are written by {@link #finish()}. Each part
 *       balances against the bank; the bank lines of the parts add up to the deposit. Conversion
 *       rounding goes to the rounding account, a larger difference on a converted payout to FX
 *       gains/losses; an unexplained difference on a single-currency payout is an error.</li>
 *   <li>Per order: one journal per sale and per refund, in the order's currency, against the
 *       channel's clearing account, handed on as soon as the order is read; one settlement journal
 *       per payout, from {@link #finish()}, moves the deposit from clearing to the bank (with
 *       adjustments and payout-level fees).</li>
 * </ul>
 *
 * <p>The result (journals, their order, unsettled events, problems and their order) is exactly what
 * the former batch planner produced from the same orders in the same order. Not thread-safe: one per run.
 */
public final class JournalPlanner {
    private static final Slot[] NO_SLOTS = {};

    private final PostingMode mode;
    private final Function<Payout, List<Fee>> payoutFees;
    private final FxRates rates;
    private final ZoneId zone;
    private final PostingExtractor extractor;
    private final JournalWriter writer;
    private final Problems problems;
    private final Consumer<Journal> journals;
    private final Consumer<UnsettledEvent> unsettled;

    private final List<PayoutRun> payouts = new ArrayList<>();
    // Where each listed order is settled: channel -> order id -> Slot, or Slot[] for an order several
    // payouts list. Keyed by the payouts' own id strings, so the index adds ~70 bytes per listed order.
    private final Map<Platform, Map<String, Object>> listed = new EnumMap<>(Platform.class);
    private final OrderFingerprints seen = new OrderFingerprints();
    private final DateCache dates;
    private final Events events = new Events(); // reused order after order

    /**
     * @param payouts    every payout of the run
     * @param payoutFees the fees of a payout that belong to no order
     * @param journals   receives each per-order journal as soon as it is final
     * @param unsettled  receives each event no payout settles, in input order
     */
    public JournalPlanner(List<Payout> payouts, Function<Payout, List<Fee>> payoutFees, PostingMode mode,
                          FxRates rates, ZoneId zone, PostingExtractor extractor, JournalWriter writer,
                          Problems problems, Consumer<Journal> journals, Consumer<UnsettledEvent> unsettled) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.payoutFees = payoutFees;
        this.rates = rates;
        this.zone = zone;
        this.extractor = extractor;
        this.writer = writer;
        this.problems = problems;
        this.journals = journals;
        this.unsettled = unsettled;
        this.dates = new DateCache(zone);
        index(payouts);
    }

    private void index(List<Payout> given) {
        List<Payout> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparing((Payout p) -> p.platform())
                .thenComparing(p -> p.periodStart().orElse(Instant.MIN))
                .thenComparing(p -> p.arrivalDate().orElse(LocalDate.MIN))
                .thenComparing(Payout::externalId));
        for (Payout payout : sorted) {
            PayoutRun run = new PayoutRun(payout);
            payouts.add(run);
            Map<String, Object> byId = listed.computeIfAbsent(payout.platform(), c -> new HashMap<>());
            int position = 0;
            for (String orderId : payout.orderIds()) {
                Object present = byId.get(orderId);
                if (present == null) {
                    byId.put(orderId, new Slot(run, position++));
                } else if (slots(present)[slots(present).length - 1].run != run) { // not listed twice by one payout
                    Slot[] before = slots(present);
                    Slot[] after = Arrays.copyOf(before, before.length + 1);
                    after[before.length] = new Slot(run, position++);
                    byId.put(orderId, after);
                }
            }
        }
    }

    private static Slot[] slots(Object entry) {
        return entry instanceof Slot s ? new Slot[] {s} : (Slot[]) entry;
    }

    /** The payouts listing an order, in payout order; none if it is not listed. */
    private Slot[] slotsOf(Platform channel, String orderId) {
        Map<String, Object> byId = listed.get(channel);
        Object entry = byId == null ? null : byId.get(orderId);
        return entry == null ? NO_SLOTS : slots(entry);
    }

    // ---------------------------------------------------------------- per order, as it streams past

    /** Reconciles one order: hands on its per-order journals and unsettled events, accumulates the rest. */
    public void accept(Order order) {
        if (!seen.add(order.platform(), order.externalId())) {
            problems.input("order " + order.externalId(), order.platform().displayName()
                    + " order given twice; give each order once, with all its refunds");
            return;
        }
        Slot[] slots = listed.isEmpty() ? NO_SLOTS : slotsOf(order.platform(), order.externalId());
        for (Slot slot : slots) {
            slot.run.given.set(slot.position);
        }
        List<Posting> postings = extractor.postings(order);
        Events events = assign(order, postings, slots);
        if (mode == PostingMode.PER_ORDER) {
            writeOrderJournals(order, postings);
        } else {
            for (int i = 0; i < events.size; i++) {
                if (events.slots[i] != null) {
                    settle(order, postings, events.names[i], events.slots[i]);
                }
            }
        }
    }

    /** The order's events in first-appearance order, each with the payout that settles it (or none). */
    private Events assign(Order order, List<Posting> postings, Slot[] slots) {
        events.clear();
        for (Posting p : postings) {
            if (events.indexOf(p.event()) >= 0) {
                continue;
            }
            Slot settling = null;
            for (Slot s : slots) {
                if (covers(s.run.payout, p.at())) {
                    settling = s;
                    break;
                }
            }
            events.add(p.event(), settling);
            if (settling == null) {
                unsettled.accept(new UnsettledEvent(order.platform(), order.externalId(), p.event(), p.at()));
            } else {
                settling.run.noteSettled(p.at());
            }
        }
        return events;
    }

    private void writeOrderJournals(Order order, List<Posting> postings) {
        if (postings.isEmpty()) {
            return;
        }
        if (oneGroup(postings)) { // the common case: a sale and nothing else, in one currency
            writeOrderJournal(order, postings); // the extractor's fresh list: ours to extend
            return;
        }
        // Groups by event and currency, in first-appearance order; an order has a handful of groups.
        List<List<Posting>> groups = new ArrayList<>(2);
        for (Posting p : postings) {
            List<Posting> group = null;
            for (List<Posting> g : groups) {
                Posting first = g.get(0);
                if (first.event().equals(p.event()) && first.currency().equals(p.currency())) {
                    group = g;
                    break;
                }
            }
            if (group == null) {
                group = new ArrayList<>(postings.size() + 1);
                groups.add(group);
            }
            group.add(p);
        }
        for (List<Posting> group : groups) {
            writeOrderJournal(order, group);
        }
    }

    private static boolean oneGroup(List<Posting> postings) {
        Posting first = postings.get(0);
        for (int i = 1, n = postings.size(); i < n; i++) {
            Posting p = postings.get(i);
            if (!p.event().equals(first.event()) || !p.currency().equals(first.currency())) {
                return false;
            }
        }
        return true;
    }

    /** One sale or refund journal from its postings (all one event, one currency), balanced by clearing. */
    private void writeOrderJournal(Order order, List<Posting> group) {
        Posting first = group.get(0);
        Currency currency = first.currency();
        LocalDate date = dates.date(first.at());
        YearMonth month = dates.month(first.at());
        String suffix = currency.equals(order.currency()) ? null : currency.getCurrencyCode();
        boolean sale = PostingExtractor.SALE.equals(first.event());
        String reference = sale
                ? References.sale(order.platform(), order.externalId(), month, suffix)
                : References.refund(order.platform(), order.externalId(),
                first.event().substring("refund:".length()), month, suffix);
        group.add(new Posting(order.platform(), order.externalId(), first.event(), first.at(),
                AccountRole.CLEARING, null, "clearing", sum(group, currency).negate(), null));
        String memo = order.platform().displayName() + " order " + order.orderNumber()
                .orElse(order.externalId()) + (sale ? "" : " refund");
        writer.write(order.platform(), date, reference, memo, currency, group).ifPresent(journals);
    }

    /**
     * Adds one settled event of an order to its payout: its postings merged per role, tax code, label
     * and currency, so that each is converted (and rounded) exactly once, as the matching per-order
     * journal line is.
     */
    private void settle(Order order, List<Posting> postings, String event, Slot slot) {
        Map<MergeKey, Posting> merged = new LinkedHashMap<>();
        for (Posting p : postings) {
            if (p.event().equals(event)) {
                merged.merge(new MergeKey(p.role(), p.taxCode(), p.label(), p.currency()), p, JournalPlanner::merge);
            }
        }
        PayoutRun run = slot.run;
        for (Posting p : merged.values()) {
            Optional<Posting> c = convert(order, p, slot);
            if (c.isEmpty()) {
                run.incomplete = true;
                continue;
            }
            if (!p.currency().equals(run.payout.currency())) {
                run.converted++;
            }
            run.parts.computeIfAbsent(dates.month(p.at()), m -> new Part()).add(c.get());
        }
    }

    private Optional<Posting> convert(Order order, Posting p, Slot slot) {
        Payout payout = slot.run.payout;
        Currency to = payout.currency();
        if (p.currency().equals(to)) {
            return Optional.of(p);
        }
        if (!p.currency().equals(order.currency())) {
            slot.run.defer(slot.position, "order " + p.orderId(), p.label() + " of " + p.amount()
                    + " is neither in the order's currency nor in payout " + payout.externalId() + "'s "
                    + to.getCurrencyCode());
            return Optional.empty();
        }
        Optional<BigDecimal> rate = rates.rate(p.channel(), p.orderId(), p.currency(), to);
        if (rate.isEmpty()) {
            slot.run.defer(slot.position, "order " + p.orderId(), "no " + p.channel().displayName()
                    + " exchange rate from " + p.currency().getCurrencyCode() + " to " + to.getCurrencyCode()
                    + " (payout " + payout.externalId() + "); add it to FxRates");
            return Optional.empty();
        }
        return Optional.of(p.withAmounts(convert(p.amount(), to, rate.get()),
                p.taxAmount() == null ? null : convert(p.taxAmount(), to, rate.get())));
    }

    /** Converts one posting at the platform's rate, rounded half-even to the target currency. */
    public static Money convert(Money amount, Currency to, BigDecimal rate) {
        return Money.of(amount.amount().multiply(rate), to).roundedToCurrency(RoundingMode.HALF_EVEN);
    }

    // ---------------------------------------------------------------- after the last order

    /**
     * The payout-level journals, once every order has been accepted: per payout (and month) summaries,
     * or per-order settlements; in payout order (platform, period start, arrival, id).
     *
     * @return the journals; only valid if no problem was recorded
     */
    public List<Journal> finish() {
        List<Journal> out = new ArrayList<>();
        for (PayoutRun run : payouts) {
            if (mode == PostingMode.PER_PAYOUT) {
                out.addAll(payoutJournals(run));
            } else {
                out.addAll(settlement(run));
            }
        }
        return out;
    }

    private List<Journal> settlement(PayoutRun run) {
        Payout payout = run.payout;
        LocalDate date = payoutDate(run);
        List<Posting> lines = payoutLevel(payout, date);
        lines.add(payoutPosting(payout, date, AccountRole.BANK, "payout " + payout.externalId(), payout.net()));
        lines.add(payoutPosting(payout, date, AccountRole.CLEARING, "clearing", sum(lines, payout.currency()).negate()));
        return writer.write(payout.platform(), date,
                        References.settlement(payout.platform(), payout.externalId(), YearMonth.from(date)),
                        payout.platform().displayName() + " payout " + payout.externalId(), payout.currency(), lines)
                .map(List::of).orElse(List.of());
    }

    private List<Journal> payoutJournals(PayoutRun run) {
        Payout payout = run.payout;
        Currency currency = payout.currency();
        LocalDate payoutDate = payoutDate(run);
        run.flushDeferred(problems);
        TreeMap<YearMonth, List<Posting>> parts = new TreeMap<>();
        run.parts.forEach((month, part) -> parts.put(month, new ArrayList<>(part.lines.values())));
        List<Posting> payoutLevel = payoutLevel(payout, payoutDate);
        if (!payoutLevel.isEmpty() || parts.isEmpty()) {
            parts.computeIfAbsent(YearMonth.from(payoutDate), m -> new ArrayList<>());
        }
        if (run.incomplete) {
            return List.of(); // the conversion problem is reported; a deposit mismatch would only repeat it
        }
        YearMonth last = parts.lastKey();
        parts.get(last).addAll(payoutLevel);

        Money residual = payout.net();
        for (List<Posting> part : parts.values()) {
            residual = residual.plus(sum(part, currency));
        }
        if (!residual.isZero()) {
            Posting balancing = balancing(payout, payoutDate, residual, run.converted);
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
        List<String> missing = payout.orderIds().stream().filter(id -> !given(payout, id)).toList();
        problems.input("payout " + payout.externalId(), "the deposit is " + payout.net()
                + " but the orders, fees and adjustments given account for " + payout.net().minus(residual)
                + " (difference " + residual + ")" + (missing.isEmpty() ? "" : "; orders not given: " + missing));
        return null;
    }

    private boolean given(Payout payout, String orderId) {
        for (Slot slot : slotsOf(payout.platform(), orderId)) {
            if (slot.run.payout == payout) {
                return slot.run.given.get(slot.position);
            }
        }
        throw new IllegalStateException("order " + orderId + " is listed by payout " + payout.externalId());
    }

    private List<Posting> payoutLevel(Payout payout, LocalDate date) {
        List<Posting> out = new ArrayList<>();
        if (!payout.adjustments().isZero()) {
            out.add(payoutPosting(payout, date, AccountRole.ADJUSTMENTS, "payout adjustments",
                    payout.adjustments().negate()));
        }
        for (Fee fee : payoutFees.apply(payout)) {
            out.add(payoutPosting(payout, date, AccountRole.fee(fee.kind()), PostingExtractor.feeLabel(fee.kind()),
                    fee.amount()));
            fee.tax().ifPresent(t -> out.add(payoutPosting(payout, date, AccountRole.FEE_TAX, "tax on fees", t)));
        }
        out.removeIf(p -> p.amount().isZero());
        return out;
    }

    private LocalDate payoutDate(PayoutRun run) {
        Payout payout = run.payout;
        return payout.arrivalDate()
                .or(() -> payout.periodEnd().map(dates::date))
                .or(() -> Optional.ofNullable(run.latest).map(dates::date))
                .or(() -> payout.periodStart().map(dates::date))
                .orElseGet(() -> {
                    problems.input("payout " + payout.externalId(), "has no arrival date, period or orders to date it by");
                    return LocalDate.EPOCH;
                });
    }

    private Posting payoutPosting(Payout payout, LocalDate date, AccountRole role, String label, Money amount) {
        return new Posting(payout.platform(), null, "payout", date.atStartOfDay(zone).toInstant(), role, null, label,
                amount, null);
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

    private static Money sum(List<Posting> postings, Currency currency) {
        Money total = Money.zero(currency);
        for (Posting p : postings) {
            total = total.plus(p.amount());
        }
        return total;
    }

    // ---------------------------------------------------------------- state

    private record MergeKey(AccountRole role, String taxCode, String label, Currency currency) {
    }

    private record LineKey(AccountRole role, String taxCode, String label) {
    }

    /** Where an order is listed: a payout, and the order's position in that payout's list. */
    private record Slot(PayoutRun run, int position) {
    }

    /** One month of a payout: its converted postings summed per journal line (role, tax code, label). */
    private static final class Part {
        final Map<LineKey, Posting> lines = new LinkedHashMap<>();

        void add(Posting p) {
            lines.merge(new LineKey(p.role(), p.taxCode(), p.label()), p, JournalPlanner::merge);
        }
    }

    /** What a payout has accumulated while the orders streamed past. */
    private static final class PayoutRun {
        final Payout payout;
        final TreeMap<YearMonth, Part> parts = new TreeMap<>();
        final List<Deferred> deferred = new ArrayList<>();
        final BitSet given = new BitSet(); // by position in the payout's list: which listed orders came
        Instant latest;
        int converted;
        boolean incomplete;

        PayoutRun(Payout payout) {
            this.payout = payout;
        }

        void noteSettled(Instant at) {
            if (latest == null || at.isAfter(latest)) {
                latest = at;
            }
        }

        void defer(int position, String field, String message) {
            deferred.add(new Deferred(position, deferred.size(), field, message));
        }

        /** Reports conversion problems in the payout's own order list order, whatever order the orders came in. */
        void flushDeferred(Problems problems) {
            deferred.sort(Comparator.comparingInt(Deferred::position).thenComparingInt(Deferred::seq));
            deferred.forEach(d -> problems.input(d.field, d.message));
            deferred.clear();
        }
    }

    private record Deferred(int position, int seq, String field, String message) {
    }

    /** An order's distinct events (a sale and a few refunds) with their settling payouts. */
    private static final class Events {
        String[] names = new String[4];
        Slot[] slots = new Slot[4];
        int size;

        void clear() {
            java.util.Arrays.fill(slots, 0, size, null);
            size = 0;
        }

        int indexOf(String event) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(event)) {
                    return i;
                }
            }
            return -1;
        }

        void add(String event, Slot slot) {
            if (size == names.length) {
                names = java.util.Arrays.copyOf(names, size * 2);
                slots = java.util.Arrays.copyOf(slots, size * 2);
            }
            names[size] = event;
            slots[size++] = slot;
        }
    }
}
