package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.Tx;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds many orders as core models in a fixed number of queries (seven), whatever their number:
 * each child table is read once for every selected order ({@code order_id IN (<id query>)}), instead of a
 * few queries per order. The result equals what {@link Orders#order(String)} rebuilds one by one.
 */
final class OrderBatch {
    private OrderBatch() {
    }

    /**
     * The orders an id query selects, oldest first (then by platform and platform id).
     *
     * @param tx       the transaction
     * @param orderIds a {@code SELECT} of {@code orders.id} values
     * @param args     its parameters
     * @return the orders
     */
    static List<Order> load(Tx tx, String orderIds, Object... args) throws SQLException {
        String in = " IN (" + orderIds + ")";
        Map<String, ImmutableOrder.Builder> builders = new LinkedHashMap<>();
        Map<String, Currency> currencies = new HashMap<>();
        Map<String, String> customerOf = new HashMap<>();
        Map<String, Platform> platforms = new HashMap<>();
        tx.query("SELECT id, platform, external_id, order_number, customer_id, status, currency, subtotal, total,"
                + " created_at, updated_at, discounts_total, payout_reference FROM orders WHERE id" + in
                + " ORDER BY created_at, platform, external_id", rs -> {
                    String id = rs.getString("id");
                    Currency currency = Currency.getInstance(rs.getString("currency"));
                    Platform platform = Platform.valueOf(rs.getString("platform"));
                    platforms.put(id, platform);
                    var b = Order.builder().platform(platform)
                            .externalId(rs.getString("external_id"))
                            .orderNumber(Optional.ofNullable(rs.getString("order_number")))
                            .createdAt(Tx.instant(rs, "created_at"))
                            .updatedAt(Optional.ofNullable(Tx.instant(rs, "updated_at")))
                            .currency(currency)
                            .subtotal(Money.of(rs.getString("subtotal"), currency))
                            .total(Money.of(rs.getString("total"), currency))
                            .status(OrderStatus.valueOf(rs.getString("status")))
                            .payoutReference(Optional.ofNullable(rs.getString("payout_reference")));
                    String discounts = rs.getString("discounts_total");
                    if (discounts != null) { // null on orders stored before V3: the model's default, zero
                        b.discountsTotal(Money.of(new BigDecimal(discounts), currency));
                    }
                    builders.put(id, b);
                    currencies.put(id, currency);
                    String customer = rs.getString("customer_id");
                    if (customer != null) {
                        customerOf.put(id, customer);
                    }
                    return null;
                }, args);
        if (builders.isEmpty()) {
            return List.of();
        }
        tx.query("SELECT order_id, external_id, sku, listing_external_id, title, quantity, unit_price, discount"
                + " FROM order_lines WHERE order_id" + in + " ORDER BY order_id, line_no", rs -> {
                    String id = rs.getString("order_id");
                    Currency currency = currencies.get(id);
                    builders.get(id).addLineItems(LineItem.builder()
                            .externalId(Optional.ofNullable(rs.getString("external_id")))
                            .sku(Optional.ofNullable(rs.getString("sku")))
                            .listingExternalId(Optional.ofNullable(rs.getString("listing_external_id")))
                            .title(rs.getString("title")).quantity(rs.getInt("quantity"))
                            .unitPrice(Money.of(rs.getString("unit_price"), currency))
                            .discount(Optional.ofNullable(rs.getString("discount")).map(d -> Money.of(d, currency)))
                            .build());
                    return null;
                }, args);
        Map<String, CustomerRecord> customers = new HashMap<>();
        tx.query("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE id" + in + ")", rs -> {
            CustomerRecord c = Orders.mapCustomer(rs);
            customers.put(c.id(), c);
            return null;
        }, args);
        customerOf.forEach((orderId, customerId) -> {
            CustomerRecord c = customers.get(customerId);
            if (c != null) {
                ImmutableOrder.Builder b = builders.get(orderId);
                b.buyer(CustomerRef.builder().platform(platforms.get(orderId)).externalId(c.externalId()).email(c.email())
                        .name(c.name()).country(c.country()).build());
            }
        });
        MoneyRows.fees(tx, MoneyRows.FeeTable.ORDER, orderIds, args).forEach((id, fees) -> builders.get(id).addAllFees(fees));
        tx.query("SELECT order_id, " + MoneyRows.TAX_COLUMNS + " FROM order_taxes WHERE order_id" + in
                + " ORDER BY order_id, tax_no", rs -> {
                    String id = rs.getString("order_id");
                    builders.get(id).addTaxes(MoneyRows.tax(rs, currencies.get(id)));
                    return null;
                }, args);
        tx.query("SELECT order_id, " + MoneyRows.REFUND_COLUMNS + " FROM order_refunds WHERE order_id" + in
                + " ORDER BY order_id, refund_no", rs -> {
                    String id = rs.getString("order_id");
                    builders.get(id).addRefunds(MoneyRows.refund(rs, currencies.get(id)));
                    return null;
                }, args);
        List<Order> out = new ArrayList<>(builders.size());
        for (ImmutableOrder.Builder b : builders.values()) {
            out.add(b.build());
        }
        return out;
    }
}
