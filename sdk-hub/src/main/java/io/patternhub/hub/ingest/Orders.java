package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the orders and customers the hub holds. Thread-safe. */
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
            Optional<String> id = tx.queryOne("SELECT id FROM orders WHERE platform = ? AND external_id = ?",
                    rs -> rs.getString(1), platform, externalId);
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
