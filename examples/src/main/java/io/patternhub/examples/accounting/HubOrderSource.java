package io.patternhub.examples.accounting;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.Payouts;
import io.patternhub.hub.store.HubStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's stored orders and payouts as core models, for the reconciliation engine and insights. Orders
 * come back with their lines, fees, tax lines (with who collected them), individual refunds, discounts
 * and payout reference, exactly as the hub stored them. The buyer is reduced to what the books need:
 * the platform's customer id and the country that decides the tax; no email or name reaches a ledger.
 */
public final class HubOrderSource {
    private final Orders orders;
    private final Payouts payouts;

    /**
     * @param store the hub's store
     */
    public HubOrderSource(HubStore store) {
        Objects.requireNonNull(store, "store");
        this.orders = new Orders(store);
        this.payouts = new Payouts(store);
    }

    /**
     * The orders placed in {@code [from, to)}; {@link Instant#MIN} and {@link Instant#MAX} are allowed.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the orders, oldest first
     */
    public List<Order> placedBetween(Instant from, Instant to) {
        return orders.allOrders().stream()
                .filter(o -> !o.createdAt().isBefore(from) && o.createdAt().isBefore(to))
                .map(HubOrderSource::forBooks).toList();
    }

    /**
     * The orders with money moving in {@code [from, to)} (placed or refunded then), plus every order a
     * payout settles, wherever it was placed; read order by order ({@link #toReconcile} reads the same in
     * a fixed number of queries).
     *
     * @param from     first instant, inclusive
     * @param to       end, exclusive
     * @param settling payouts whose orders must be included
     * @return the orders, oldest first, each once
     */
    public List<Order> activeBetween(Instant from, Instant to, List<Payout> settling) {
        Map<String, Order> byKey = new LinkedHashMap<>();
        for (Order o : orders.ordersActiveBetween(from, to)) {
            byKey.put(key(o.platform(), o.externalId()), o);
        }
        for (Payout p : settling) {
            List<String> missing = p.orderIds().stream().filter(id -> !byKey.containsKey(key(p.platform(), id))).toList();
            for (Order o : orders.ordersByExternalIds(p.platform(), missing)) {
                byKey.put(key(o.platform(), o.externalId()), o);
            }
        }
        List<Order> out = new ArrayList<>(byKey.values());
        out.sort(java.util.Comparator.comparing(Order::createdAt).thenComparing(Order::externalId));
        return out.stream().map(HubOrderSource::forBooks).toList();
    }

    /**
     * What reconciling {@code [from, to)} needs: the orders with money moving then and every order a
     * payout overlapping it settles, read in a fixed number of queries (not a few per order).
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the orders, oldest first, each once
     */
    public List<Order> toReconcile(Instant from, Instant to) {
        return orders.ordersToReconcile(from, to).stream().map(HubOrderSource::forBooks).toList();
    }

    /**
     * Every order the hub holds.
     *
     * @return the orders, oldest first
     */
    public List<Order> allOrders() {
        return orders.allOrders().stream().map(HubOrderSource::forBooks).toList();
    }

    /**
     * The payouts whose period (or arrival day) overlaps {@code [from, to)}.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the payouts
     */
    public List<Payout> payoutsOverlapping(Instant from, Instant to) {
        return payouts.overlapping(from, to);
    }

    /**
     * Every payout the hub holds.
     *
     * @return the payouts
     */
    public List<Payout> allPayouts() {
        return payouts.all();
    }

    /**
     * The fees stored with a payout that belong to no order (listing fees, ads).
     *
     * @param payout the payout
     * @return its own fees
     */
    public List<io.patternhub.core.model.Fee> payoutFees(Payout payout) {
        return payouts.payoutFees(payout);
    }

    /** The order without the buyer's email and name, which accounting does not need. */
    private static Order forBooks(Order o) {
        Optional<CustomerRef> buyer = o.buyer().map(b -> {
            var ref = CustomerRef.builder().platform(b.platform())
                    .externalId(b.externalId().orElse("guest-of-" + o.externalId()));
            b.country().ifPresent(ref::country);
            return ref.build();
        });
        return o.toBuilder().buyer(buyer).build();
    }

    private static String key(Platform platform, String externalId) {
        return platform + "/" + externalId;
    }
}
