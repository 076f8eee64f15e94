package io.patternhub.examples.accounting;

import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Refund;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.OrderLineRecord;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub's stored orders as core {@link Order}s, for the reconciliation engine and insights. The hub
 * keeps amounts, lines, the refunded total and the buyer's country, not taxes or fees, so the orders
 * read back carry none: their journals book gross sales and refunds only.
 */
public final class HubOrderSource {
    private final HubStore store;
    private final Orders orders;

    /**
     * @param store the hub's store
     */
    public HubOrderSource(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.orders = new Orders(store);
    }

    /**
     * The orders placed in {@code [from, to)}.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the orders, oldest first
     */
    public List<Order> placedBetween(Instant from, Instant to) {
        List<String> ids = store.inTransaction(tx -> tx.query("SELECT id FROM orders ORDER BY created_at, id",
                rs -> rs.getString(1)));
        List<Order> out = new ArrayList<>();
        for (String id : ids) {
            OrderRecord r = orders.get(id);
            if (!r.createdAt().isBefore(from) && r.createdAt().isBefore(to)) {
                out.add(toOrder(r));
            }
        }
        return out;
    }

    private Order toOrder(OrderRecord r) {
        var b = Order.builder().platform(r.platform()).externalId(r.externalId()).createdAt(r.createdAt())
                .currency(r.total().currency()).subtotal(r.subtotal()).total(r.total()).status(r.status());
        r.orderNumber().ifPresent(b::orderNumber);
        r.updatedAt().ifPresent(b::updatedAt);
        buyer(r).ifPresent(b::buyer);
        for (OrderLineRecord l : r.lines()) {
            var line = LineItem.builder().externalId(l.externalId().orElse(r.externalId() + "-" + l.lineNo()))
                    .title(l.title()).quantity(l.quantity()).unitPrice(l.unitPrice());
            l.sku().ifPresent(line::sku);
            l.listingExternalId().ifPresent(line::listingExternalId);
            l.discount().ifPresent(line::discount);
            b.addLineItem(line.build());
        }
        if (r.totalRefunded().isPositive()) {
            // the hub keeps the refunded total only: one refund, dated at the order's last change
            b.addRefund(Refund.builder().externalId("R1").amount(r.totalRefunded())
                    .createdAt(r.updatedAt().orElse(r.createdAt())).build());
        }
        return b.build();
    }

    private Optional<CustomerRef> buyer(OrderRecord r) {
        return r.customerId().flatMap(orders::customer).map((CustomerRecord c) -> {
            var ref = CustomerRef.builder().platform(r.platform()).externalId(c.externalId().orElse(c.id()));
            c.country().filter(cc -> cc.matches("[A-Z]{2}")).ifPresent(ref::country);
            return ref.build();
        });
    }

}
