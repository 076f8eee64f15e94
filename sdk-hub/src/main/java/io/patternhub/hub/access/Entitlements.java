package io.patternhub.hub.access;

import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Records who may download what: one entitlement per order and SKU, granted idempotently (granting
 * twice changes nothing) and revoked on refund or cancellation. Thread-safe.
 */
public final class Entitlements {
    private static final String COLUMNS = "id, order_id, customer_id, sku, granted_at, revoked_at, revoke_reason";

    private final HubStore store;

    /**
     * Entitlements in a store.
     *
     * @param store the hub store
     */
    public Entitlements(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Grants one entitlement per SKU of the order (lines without a SKU give none); idempotent.
     *
     * @param tx    the transaction
     * @param order the paid order
     * @return the order's entitlements, new and existing
     * @throws SQLException if the database fails
     */
    public List<Entitlement> grant(Tx tx, OrderRecord order) throws SQLException {
        for (String sku : order.skus()) {
            tx.update("INSERT INTO entitlements (id, order_id, customer_id, sku, granted_at) VALUES (?,?,?,?,?)"
                    + " ON CONFLICT (order_id, sku) DO NOTHING", UUID.randomUUID().toString(), order.id(),
                    order.customerId(), sku, tx.now());
        }
        return forOrder(tx, order.id());
    }

    /**
     * Revokes every active entitlement of an order.
     *
     * @param tx      the transaction
     * @param orderId the hub's order id
     * @param reason  why, e.g. {@code "REFUNDED"}
     * @return the entitlements revoked by this call (none if they already were)
     * @throws SQLException if the database fails
     */
    public List<Entitlement> revoke(Tx tx, String orderId, String reason) throws SQLException {
        List<Entitlement> active = tx.query("SELECT " + COLUMNS + " FROM entitlements WHERE order_id = ? AND revoked_at IS NULL",
                Entitlements::map, orderId);
        tx.update("UPDATE entitlements SET revoked_at = ?, revoke_reason = ? WHERE order_id = ? AND revoked_at IS NULL",
                tx.now(), reason, orderId);
        return active;
    }

    /**
     * One entitlement.
     *
     * @param entitlementId the id
     * @return the entitlement, if any
     */
    public Optional<Entitlement> get(String entitlementId) {
        return store.inTransaction(tx -> get(tx, entitlementId));
    }

    /**
     * An order's entitlements.
     *
     * @param orderId the hub's order id
     * @return the entitlements
     */
    public List<Entitlement> forOrder(String orderId) {
        return store.inTransaction(tx -> forOrder(tx, orderId));
    }

    /**
     * A customer's entitlements.
     *
     * @param customerId the hub's customer id
     * @return the entitlements
     */
    public List<Entitlement> forCustomer(String customerId) {
        return store.inTransaction(tx -> tx.query("SELECT " + COLUMNS + " FROM entitlements WHERE customer_id = ?"
                + " ORDER BY granted_at, id", Entitlements::map, customerId));
    }

    /**
     * The active entitlements to a pattern: its past buyers who still have access.
     *
     * @param sku the pattern
     * @return the entitlements, oldest first
     */
    public List<Entitlement> activeForSku(String sku) {
        return store.inTransaction(tx -> tx.query("SELECT " + COLUMNS + " FROM entitlements WHERE sku = ?"
                + " AND revoked_at IS NULL ORDER BY granted_at, id", Entitlements::map, sku));
    }

    static Optional<Entitlement> get(Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM entitlements WHERE id = ?", Entitlements::map, id);
    }

    static List<Entitlement> forOrder(Tx tx, String orderId) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM entitlements WHERE order_id = ? ORDER BY sku", Entitlements::map, orderId);
    }

    private static Entitlement map(ResultSet rs) throws SQLException {
        return new Entitlement(rs.getString("id"), rs.getString("order_id"), Optional.ofNullable(rs.getString("customer_id")),
                rs.getString("sku"), Tx.instant(rs, "granted_at"), Optional.ofNullable(Tx.instant(rs, "revoked_at")),
                Optional.ofNullable(rs.getString("revoke_reason")));
    }
}
