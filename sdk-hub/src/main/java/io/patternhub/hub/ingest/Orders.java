package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the orders and customers the hub holds: as {@link OrderRecord}s, or rebuilt as core {@link Order}s
 * with their fees, taxes and refunds for accounting ({@link #order(String)}, {@link #ordersActiveBetween}).
 * Thread-safe.
 */
public final class Orders {
    private static final String ORDER_COLUMNS = "id, platform, external_id, order_number, customer_id, status, currency,"
            + " subtotal, total, total_refunded, created_at, updated_at";
    private static final String CUSTOMER_COLUMNS = "id, platform, external_id, email, name, country, created_at,"
            + " last_activity_at, erased_at";

    private final HubStore store;

    /**
     * Reads from a store.
     *
     * @param store the hub store
     */
    public Orders(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * An order by the hub's id.
     *
     * @param orderId the hub's order id
     * @return the order
     * @throws NotFoundException if there is none
     */
    public OrderRecord get(String orderId) {
        return store.inTransaction(tx -> get(tx, orderId));
    }

    /**
     * An order by its platform id.
     *
     * @param platform   the platform
     * @param externalId the platform's order id
     * @return the order, if the hub has it
     */
    public Optional<OrderRecord> find(Platform platform, String externalId) {
        return store.inTransaction(tx -> {
            Optional<String> id = idOf(tx, platform, externalId);
            return id.isPresent() ? Optional.of(get(tx, id.get())) : Optional.<OrderRecord>empty();
        });
    }

    /**
     * Every order of one customer, oldest first.
     *
     * @param customerId the hub's customer id
     * @return the orders
     */
    public List<OrderRecord> ofCustomer(String customerId) {
        return store.inTransaction(tx -> {
            List<String> ids = tx.query("SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at, id",
                    rs -> rs.getString(1), customerId);
            List<OrderRecord> out = new java.util.ArrayList<>();
            for (String id : ids) {
                out.add(get(tx, id));
            }
            return out;
        });
    }

    /**
     * How many orders the hub holds.
     *
     * @return the count
     */
    public long count() {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM orders", rs -> rs.getLong(1)).orElse(0L));
    }

    /**
     * A customer by the hub's id.
     *
     * @param customerId the hub's customer id
     * @return the customer, if any
     */
    public Optional<CustomerRecord> customer(String customerId) {
        return store.inTransaction(tx -> customer(tx, customerId));
    }

    /**
     * Every customer (on any platform) with this email, compared without regard to case.
     *
     * @param email the email
     * @return the customers
     */
    public List<CustomerRecord> customersByEmail(String email) {
        return store.inTransaction(tx -> customersByEmail(tx, email));
    }

    /**
     * An order rebuilt as the core model: lines, fees, tax lines, refunds, discounts, payout reference and
     * the buyer as the hub's customer record holds it now. Platform raw payloads are not kept (they carry
     * personal data), so {@link Order#raw()} is missing throughout.
     *
     * @param orderId the hub's order id
     * @return the order
     * @throws NotFoundException if there is none
     */
    public Order order(String orderId) {
        return store.inTransaction(tx -> order(tx, orderId));
    }

    /**
     * An order by its platform id, rebuilt as the core model (see {@link #order(String)}).
     *
     * @param platform   the platform
     * @param externalId the platform's order id
     * @return the order, if the hub has it
     */
    public Optional<Order> findOrder(Platform platform, String externalId) {
        return store.inTransaction(tx -> {
            Optional<String> id = idOf(tx, platform, externalId);
            return id.isPresent() ? Optional.of(order(tx, id.get())) : Optional.<Order>empty();
        });
    }

    private static Optional<String> idOf(Tx tx, Platform platform, String externalId) throws SQLException {
        return tx.queryOne("SELECT id FROM orders WHERE platform = ? AND external_id = ?", rs -> rs.getString(1),
                platform, externalId);
    }

    /**
     * The orders with money moving in {@code [from, to)}: placed, or refunded, in that time. Oldest first
     * (then by platform id).
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the orders, rebuilt as the core model
     */
    public List<Order> ordersActiveBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("The end " + to + " must be after the start " + from, ErrorContext.empty());
        }
        return store.inTransaction(tx -> orders(tx, tx.query("SELECT id FROM orders o WHERE (o.created_at >= ?"
                + " AND o.created_at < ?) OR EXISTS (SELECT 1 FROM order_refunds r WHERE r.order_id = o.id"
                + " AND r.created_at >= ? AND r.created_at < ?) ORDER BY o.created_at, o.platform, o.external_id", rs -> rs.getString(1),
                from, to, from, to)));
    }

    /**
     * What reconciling {@code [from, to)} needs, read in a fixed number of queries however many orders
     * there are: the orders with money moving in that time (placed or refunded then) and every order a
     * payout overlapping it ({@link Payouts#overlapping}) lists, wherever it was placed. Oldest first
     * (then by platform and platform id), each once; equal to what {@link #ordersActiveBetween} and
     * {@link #ordersByExternalIds} rebuild order by order.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the orders, rebuilt as the core model
     */
    public List<Order> ordersToReconcile(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("The end " + to + " must be after the start " + from, ErrorContext.empty());
        }
        String ids = "SELECT o.id FROM orders o WHERE (o.created_at >= ? AND o.created_at < ?)"
                + " OR EXISTS (SELECT 1 FROM order_refunds r WHERE r.order_id = o.id AND r.created_at >= ? AND r.created_at < ?)"
                + " OR EXISTS (SELECT 1 FROM payout_orders po JOIN payouts p ON p.id = po.payout_id"
                + " WHERE po.order_external_id = o.external_id AND p.platform = o.platform AND ("
                + Payouts.overlapCondition("p") + "))";
        return store.inTransaction(tx -> OrderBatch.load(tx, ids, from, to, from, to, from, to));
    }

    /**
     * The orders of one platform with these platform ids, those the hub holds. Oldest first.
     *
     * @param platform    the platform
     * @param externalIds the platform's order ids (e.g. a payout's {@code orderIds()})
     * @return the orders, rebuilt as the core model
     */
    public List<Order> ordersByExternalIds(Platform platform, Collection<String> externalIds) {
        Objects.requireNonNull(platform, "platform");
        Set<String> wanted = new LinkedHashSet<>(externalIds);
        return store.inTransaction(tx -> {
            List<String> ids = new ArrayList<>();
            for (String externalId : wanted) {
                tx.queryOne("SELECT id FROM orders WHERE platform = ? AND external_id = ?", rs -> rs.getString(1),
                        platform, externalId).ifPresent(ids::add);
            }
            List<Order> out = orders(tx, ids);
            out.sort(Comparator.comparing(Order::createdAt).thenComparing(Order::externalId)); // as the other reads
            return out;
        });
    }

    /**
     * Every order the hub holds, oldest first (then by platform id).
     *
     * @return the orders, rebuilt as the core model
     */
    public List<Order> allOrders() {
        return store.inTransaction(tx -> orders(tx, tx.query("SELECT id FROM orders ORDER BY created_at, platform, external_id",
                rs -> rs.getString(1))));
    }

    private static List<Order> orders(Tx tx, List<String> ids) throws SQLException {
        List<Order> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(order(tx, id));
        }
        return out;
    }

    static Order order(Tx tx, String orderId) throws SQLException {
        OrderRecord r = get(tx, orderId);
        Currency currency = r.total().currency();
        var extra = tx.queryOne("SELECT discounts_total, payout_reference FROM orders WHERE id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, orderId).orElseThrow();
        var b = Order.builder().platform(r.platform()).externalId(r.externalId()).orderNumber(r.orderNumber())
                .createdAt(r.createdAt()).updatedAt(r.updatedAt()).currency(currency).subtotal(r.subtotal())
                .total(r.total()).status(r.status()).payoutReference(Optional.ofNullable(extra[1]));
        if (extra[0] != null) { // null on orders stored before V3: the model's default, zero
            b.discountsTotal(Money.of(new BigDecimal(extra[0]), currency));
        }
        for (OrderLineRecord l : r.lines()) {
            b.addLineItems(LineItem.builder().externalId(l.externalId()).sku(l.sku())
                    .listingExternalId(l.listingExternalId()).title(l.title()).quantity(l.quantity())
                    .unitPrice(l.unitPrice()).discount(l.discount()).build());
        }
        if (r.customerId().isPresent()) {
            customer(tx, r.customerId().get()).map(c -> buyer(r.platform(), c)).ifPresent(b::buyer);
        }
        b.addAllFees(MoneyRows.fees(tx, MoneyRows.FeeTable.ORDER, orderId));
        b.addAllTaxes(MoneyRows.taxes(tx, orderId, currency));
        b.addAllRefunds(MoneyRows.refunds(tx, orderId, currency));
        return b.build();
    }

    private static CustomerRef buyer(Platform platform, CustomerRecord c) {
        return CustomerRef.builder().platform(platform).externalId(c.externalId()).email(c.email()).name(c.name())
                .country(c.country()).build();
    }

    static OrderRecord get(Tx tx, String orderId) throws SQLException {
        Optional<OrderRecord> head = tx.queryOne("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?",
                rs -> mapOrder(rs, List.of()), orderId);
        if (head.isEmpty()) {
            throw new NotFoundException("The hub has no order " + orderId, ErrorContext.empty());
        }
        OrderRecord o = head.get();
        Currency currency = o.total().currency();
        List<OrderLineRecord> lines = tx.query("SELECT line_no, external_id, sku, listing_external_id, title, quantity,"
                + " unit_price, discount FROM order_lines WHERE order_id = ? ORDER BY line_no", rs -> new OrderLineRecord(
                rs.getInt("line_no"), Optional.ofNullable(rs.getString("external_id")),
                Optional.ofNullable(rs.getString("sku")), Optional.ofNullable(rs.getString("listing_external_id")),
                rs.getString("title"), rs.getInt("quantity"), Money.of(rs.getString("unit_price"), currency),
                Optional.ofNullable(rs.getString("discount")).map(d -> Money.of(d, currency))), orderId);
        return new OrderRecord(o.id(), o.platform(), o.externalId(), o.orderNumber(), o.customerId(), o.status(),
                o.subtotal(), o.total(), o.totalRefunded(), o.createdAt(), o.updatedAt(), lines);
    }

    static Optional<CustomerRecord> customer(Tx tx, String customerId) throws SQLException {
        return tx.queryOne("SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE id = ?", Orders::mapCustomer, customerId);
    }

    static List<CustomerRecord> customersByEmail(Tx tx, String email) throws SQLException {
        return tx.query("SELECT " + CUSTOMER_COLUMNS + " FROM customers WHERE LOWER(email) = LOWER(?) ORDER BY created_at, id",
                Orders::mapCustomer, email);
    }

    /**
     * Maps a {@code customers} row selected with every column.
     *
     * @param rs the row
     * @return the customer
     * @throws SQLException if a column cannot be read
     */
    public static CustomerRecord mapCustomer(ResultSet rs) throws SQLException {
        return new CustomerRecord(rs.getString("id"), Platform.valueOf(rs.getString("platform")),
                Optional.ofNullable(rs.getString("external_id")), Optional.ofNullable(rs.getString("email")),
                Optional.ofNullable(rs.getString("name")), Optional.ofNullable(rs.getString("country")),
                Tx.instant(rs, "created_at"), Tx.instant(rs, "last_activity_at"),
                Optional.ofNullable(Tx.instant(rs, "erased_at")));
    }

    private static OrderRecord mapOrder(ResultSet rs, List<OrderLineRecord> lines) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new OrderRecord(rs.getString("id"), Platform.valueOf(rs.getString("platform")),
                rs.getString("external_id"), Optional.ofNullable(rs.getString("order_number")),
                Optional.ofNullable(rs.getString("customer_id")), OrderStatus.valueOf(rs.getString("status")),
                Money.of(rs.getString("subtotal"), currency), Money.of(rs.getString("total"), currency),
                Money.of(rs.getString("total_refunded"), currency), Tx.instant(rs, "created_at"),
                Optional.ofNullable(Tx.instant(rs, "updated_at")), lines);
    }
}
