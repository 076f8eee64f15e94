package io.patternhub.accounting.reconcile;

import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to reconcile: normalized orders (with their refunds, fees and taxes) and payouts from any
 * storefront, including CSV-imported shops ({@link io.patternhub.core.Platform#CSV}), plus fees that
 * belong to a payout rather than an order (listing fees, ads). Immutable.
 *
 * <p>A payout settles the sales and refunds of the orders it lists ({@link Payout#orderIds()}) that
 * happened within its period; an event outside every listed payout's period is reported as unsettled.
 */
public final class ReconcileInput {
    private final List<Order> orders;
    private final List<Payout> payouts;
    private final Map<String, List<Fee>> payoutFees;

    private ReconcileInput(Builder b) {
        this.orders = List.copyOf(b.orders);
        this.payouts = List.copyOf(b.payouts);
        Map<String, List<Fee>> fees = new HashMap<>();
        b.payoutFees.forEach((k, v) -> fees.put(k, List.copyOf(v)));
        this.payoutFees = Map.copyOf(fees);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Order> orders() {
        return orders;
    }

    public List<Payout> payouts() {
        return payouts;
    }

    /**
     * Fees charged in a payout that belong to no order.
     *
     * @param payout the payout
     * @return its own fees, in the payout's currency
     */
    public List<Fee> payoutFees(Payout payout) {
        return payoutFees.getOrDefault(key(payout), List.of());
    }

    private static String key(Payout payout) {
        return payout.platform() + "/" + payout.externalId();
    }

    /** Builds a {@link ReconcileInput}. */
    public static final class Builder {
        private final List<Order> orders = new ArrayList<>();
        private final List<Payout> payouts = new ArrayList<>();
        private final Map<String, List<Fee>> payoutFees = new HashMap<>();

        private Builder() {
        }

        public Builder addOrder(Order order) {
            orders.add(Objects.requireNonNull(order, "order"));
            return this;
        }

        public Builder addOrders(Iterable<? extends Order> more) {
            more.forEach(this::addOrder);
            return this;
        }

        public Builder addPayout(Payout payout) {
            payouts.add(Objects.requireNonNull(payout, "payout"));
            return this;
        }

        public Builder addPayouts(Iterable<? extends Payout> more) {
            more.forEach(this::addPayout);
            return this;
        }

        /**
         * Adds a fee deducted from a payout that no order carries (e.g. Etsy listing or ads fees).
         *
         * @param payout the payout
         * @param fee    the fee, in the payout's currency
         * @return this builder
         */
        public Builder addPayoutFee(Payout payout, Fee fee) {
            if (!fee.amount().currency().equals(payout.currency())) {
                throw new CurrencyMismatchException("add a payout fee to payout " + payout.externalId() + " in",
                        payout.currency(), fee.amount().currency());
            }
            payoutFees.computeIfAbsent(key(payout), k -> new ArrayList<>()).add(fee);
            return this;
        }

        public ReconcileInput build() {
            return new ReconcileInput(this);
        }
    }
}
