package io.patternhub.examples.accounting;

import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.Reconciler;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.hub.store.HubStore;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles one month of the hub's orders and payouts, with their fees, taxes and refunds. The
 * neighbouring months are read too, so that a refund or a payout crossing the month end is seen whole;
 * the journals are then limited to the month.
 */
public final class HubReconciliation {
    private final HubOrderSource source;
    private final Reconciler engine;
    private final ZoneId zone;

    /**
     * @param store   the hub's store
     * @param mapping the account and tax mapping
     * @param zone    the books' time zone, which decides what month an order falls into
     */
    public HubReconciliation(HubStore store, MappingFile mapping, ZoneId zone) {
        this.source = new HubOrderSource(store);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.engine = Reconciler.builder().accounts(mapping.accounts()).taxes(mapping.taxes()).rates(FxRates.none())
                .zone(zone).build();
    }

    /** @return the engine, for posting */
    public Reconciler engine() {
        return engine;
    }

    /**
     * The input for a month: the payouts overlapping it and the months either side (a payout spanning a
     * month end is split by the engine, so it must be seen whole), the orders placed or refunded in those
     * months, every order those payouts settle, and the payouts' own fees.
     *
     * @param period the month
     * @return the input
     */
    public ReconcileInput input(YearMonth period) {
        Instant from = period.minusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant to = period.plusMonths(2).atDay(1).atStartOfDay(zone).toInstant();
        // each read is a fixed number of queries, however many orders the months hold
        return build(source.toReconcile(from, to), source.payoutsOverlapping(from, to));
    }

    /**
     * @param mode   per payout or per order
     * @param period the month
     * @return the month's journals
     * @throws io.patternhub.core.error.ConfigurationException listing every missing mapping key
     */
    public ReconcileResult reconcile(PostingMode mode, YearMonth period) {
        return engine.reconcile(input(period), mode, period);
    }

    /**
     * Every order and payout the hub holds, unlimited by month: for the demo, whose orders span whatever
     * months it ran in.
     *
     * @return the input
     */
    public ReconcileInput everything() {
        return build(source.allOrders(), source.allPayouts());
    }

    private ReconcileInput build(List<Order> orders, List<Payout> payouts) {
        ReconcileInput.Builder input = ReconcileInput.builder().addOrders(orders).addPayouts(payouts);
        for (Payout payout : payouts) {
            for (Fee fee : payout.payoutFees()) { // stored and read back with the payout
                input.addPayoutFee(payout, fee);
            }
        }
        return input.build();
    }

    /**
     * The per-platform sales report over the month and its neighbours.
     *
     * @param period the month
     * @return one row per platform, month and currency
     */
    public SalesReport report(YearMonth period) {
        return engine.report(input(period), AdSpend.none());
    }
}
