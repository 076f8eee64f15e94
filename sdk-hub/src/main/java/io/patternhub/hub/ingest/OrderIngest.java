package io.patternhub.hub.ingest;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Lease;
import io.patternhub.hub.store.LeaseLostException;
import io.patternhub.hub.store.LeaseQueue;
import io.patternhub.hub.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores orders and their buyers and turns every new order state into one {@link OrderChange} per
 * registered {@link OrderChangeHandler}. Each snapshot stores the order's lines, fees, tax lines,
 * individual refunds, discounts and payout reference, replacing those of the previous snapshot, so that
 * {@link Orders#order(String)} rebuilds the latest {@link Order} (without its raw payloads).
 *
 * <p>Deliveries may repeat and arrive out of order (a webhook retry, a poll overlapping the last
 * one, an old {@code orders/updated} after {@code orders/paid}): a snapshot older than the stored one
 * (by the platform's update time, or by status progression when times are equal or absent) changes
 * nothing, and each (order, status) is recorded once, so handlers see each state once. The order,
 * the change and its pending deliveries commit in one transaction; deliveries then run through a
 * {@link LeaseQueue}, so several hub instances share them and a dead instance's work is picked up.
 * Thread-safe.
 */
public final class OrderIngest {
    private static final Logger LOG = LoggerFactory.getLogger(OrderIngest.class);
    static final String DELIVERIES = "order_change_deliveries";

    private final HubStore store;
    private final Map<String, OrderChangeHandler> handlers;
    private final LeaseQueue deliveries;
    private final String owner;
    private final Duration leaseFor;
    private final int maxAttempts;
    private final Duration retryBackoff;

    private OrderIngest(Builder b) {
        this.store = b.store;
        this.handlers = Map.copyOf(b.handlers);
        this.deliveries = store.leaseQueue(DELIVERIES);
        this.owner = b.owner;
        this.leaseFor = b.leaseFor;
        this.maxAttempts = b.maxAttempts;
        this.retryBackoff = b.retryBackoff;
    }

    /**
     * Starts an ingest over a store.
     *
     * @param store the hub store
     * @return the builder
     */
    public static Builder builder(HubStore store) {
        return new Builder(store);
    }

    /** What one ingest did. */
    public enum Outcome {
        /** The order was new. */
        CREATED,
        /** The order was known and reached a new status. */
        STATUS_CHANGED,
        /** The order was known; fields changed but not its status. */
        UPDATED,
        /** The snapshot was older than the stored one, or the same: nothing changed. */
        STALE
    }

    /**
     * Stores an order snapshot in its own transaction.
     *
     * @param order   the order as a platform reported it
     * @param eventId the event that carried it, if any
     * @return what changed
     */
    public Outcome ingest(Order order, String eventId) {
        return store.inTransaction(tx -> ingest(tx, order, eventId));
    }

    /**
     * Stores an order snapshot inside the caller's transaction (e.g. with the inbox row that carried it).
     *
     * @param tx      the transaction
     * @param order   the order
     * @param eventId the event that carried it, or {@code null}
     * @return what changed
     * @throws SQLException if the database fails
     */
    public Outcome ingest(Tx tx, Order order, String eventId) throws SQLException {
        Objects.requireNonNull(order, "order");
        Instant now = tx.now();
        Optional<Stored> stored = findStored(tx, order);
        String customerId = order.buyer().isPresent() ? CustomerUpsert.upsert(tx, order.buyer().get(), now) : null;
        if (stored.isEmpty()) {
            String orderId = UUID.randomUUID().toString();
            // Another hub instance may be inserting the same order right now (PostgreSQL): the loser of
            // that race inserts nothing, then sees the winner's committed row and goes on as an update.
            int inserted = tx.update("INSERT INTO orders (id, platform, external_id, order_number, customer_id, status,"
                    + " currency, subtotal, total, total_refunded, discounts_total, payout_reference, created_at,"
                    + " updated_at, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (platform, external_id) DO NOTHING",
                    orderId, order.platform(), order.externalId(), order.orderNumber(), customerId, order.status(),
                    order.currency().getCurrencyCode(), order.subtotal().amount().toPlainString(),
                    order.total().amount().toPlainString(), order.totalRefunded().amount().toPlainString(),
                    order.discountsTotal().amount().toPlainString(), order.payoutReference(),
                    order.createdAt(), order.updatedAt(), now);
            if (inserted == 1) {
                insertLines(tx, orderId, order.lineItems());
                MoneyRows.replaceOrderRows(tx, orderId, order);
                recordChange(tx, orderId, order.status(), null, eventId, now);
                return Outcome.CREATED;
            }
            stored = findStored(tx, order);
            if (stored.isEmpty()) {
                throw new SQLException("order " + order.externalId() + " conflicted on insert but cannot be read");
            }
        }
        Stored s = stored.get();
        if (isStale(s, order)) {
            return Outcome.STALE;
        }
        tx.update("UPDATE orders SET order_number = ?, customer_id = COALESCE(?, customer_id), status = ?, subtotal = ?,"
                + " total = ?, total_refunded = ?, discounts_total = ?, payout_reference = COALESCE(?, payout_reference),"
                + " updated_at = ? WHERE id = ?", order.orderNumber(), customerId,
                order.status(), order.subtotal().amount().toPlainString(), order.total().amount().toPlainString(),
                order.totalRefunded().amount().toPlainString(), order.discountsTotal().amount().toPlainString(),
                order.payoutReference(), order.updatedAt().orElse(s.updatedAt.orElse(null)), s.id);
        tx.update("DELETE FROM order_lines WHERE order_id = ?", s.id);
        insertLines(tx, s.id, order.lineItems());
        // the snapshot is the whole truth: refunds only grow, fees are adjusted, so replace, never merge
        MoneyRows.replaceOrderRows(tx, s.id, order);
        if (order.status() == s.status) {
            return Outcome.UPDATED;
        }
        boolean recorded = recordChange(tx, s.id, order.status(), s.status, eventId, now);
        return recorded ? Outcome.STATUS_CHANGED : Outcome.UPDATED;
    }

    /**
     * Delivers pending changes to every handler, up to {@code max} per handler, in this thread.
     *
     * @param max most changes per handler in this call
     * @return how many deliveries succeeded
     */
    public int dispatchPending(int max) {
        int delivered = 0;
        for (OrderChangeHandler handler : handlers.values()) {
            for (Lease lease : deliveries.claim(handler.name(), owner, max, leaseFor)) {
                if (deliver(handler, lease)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /**
     * Delivers until no handler has anything claimable left.
     *
     * @return how many deliveries succeeded
     */
    public int dispatchAll() {
        int total = 0;
        int round;
        do {
            round = dispatchPending(100);
            total += round;
        } while (round > 0);
        return total;
    }

    /** The registered handlers' names. */
    public List<String> handlerNames() {
        return List.copyOf(handlers.keySet());
    }

    private boolean deliver(OrderChangeHandler handler, Lease lease) {
        OrderChange change;
        try {
            change = store.inTransaction(tx -> loadChange(tx, lease.id()));
            handler.onOrderChange(change);
        } catch (RuntimeException e) {
            LOG.warn("Order change handler {} failed on delivery {} (attempt {}): {}", handler.name(), lease.id(),
                    lease.attempts(), e.toString());
            fail(lease, e);
            return false;
        }
        try {
            store.inTransaction(tx -> {
                deliveries.complete(tx, lease);
                return null;
            });
            return true;
        } catch (LeaseLostException e) {
            LOG.warn("Lease on order change delivery {} ran out while {} worked; another worker repeats it",
                    lease.id(), handler.name());
            return false;
        }
    }

    private void fail(Lease lease, RuntimeException e) {
        try {
            store.inTransaction(tx -> {
                if (lease.attempts() >= maxAttempts) {
                    deliveries.giveUp(tx, lease, e.toString());
                } else {
                    long factor = 1L << Math.min(lease.attempts() - 1, 16);
                    deliveries.retryLater(tx, lease, tx.now().plus(retryBackoff.multipliedBy(factor)), e.toString());
                }
                return null;
            });
        } catch (LeaseLostException lost) {
            LOG.debug("lease lost while recording a failure", lost);
        }
    }

    private static OrderChange loadChange(Tx tx, long deliveryId) throws SQLException {
        Row row = tx.queryOne("SELECT c.id, c.order_id, c.status, c.previous_status, c.event_id, c.occurred_at"
                + " FROM " + DELIVERIES + " d JOIN order_changes c ON c.id = d.change_id WHERE d.id = ?",
                rs -> new Row(rs.getString("id"), rs.getString("order_id"), OrderStatus.valueOf(rs.getString("status")),
                        Optional.ofNullable(rs.getString("previous_status")).map(OrderStatus::valueOf),
                        Optional.ofNullable(rs.getString("event_id")), Tx.instant(rs, "occurred_at")), deliveryId)
                .orElseThrow(() -> new IllegalStateException("delivery " + deliveryId + " has no change"));
        return new OrderChange(row.id, row.status, row.previous, row.eventId, row.at, Orders.get(tx, row.orderId));
    }

    private boolean recordChange(Tx tx, String orderId, OrderStatus status, OrderStatus previous, String eventId,
                                 Instant now) throws SQLException {
        String changeId = UUID.randomUUID().toString();
        int inserted = tx.update("INSERT INTO order_changes (id, order_id, status, previous_status, event_id, occurred_at)"
                + " VALUES (?,?,?,?,?,?) ON CONFLICT (order_id, status) DO NOTHING",
                changeId, orderId, status, previous, eventId, now);
        if (inserted == 0) {
            return false;
        }
        for (String name : handlers.keySet()) {
            tx.update("INSERT INTO " + DELIVERIES + " (lane, change_id, status, attempts, available_at, created_at)"
                    + " VALUES (?, ?, 'PENDING', 0, ?, ?)", name, changeId, now, now);
        }
        return true;
    }

    /** Older by update time, or (times equal or unknown) not further along the status progression. */
    private static boolean isStale(Stored s, Order incoming) {
        if (s.updatedAt.isPresent() && incoming.updatedAt().isPresent()) {
            int cmp = incoming.updatedAt().get().compareTo(s.updatedAt.get());
            if (cmp != 0) {
                return cmp < 0;
            }
        }
        return rank(incoming.status()) < rank(s.status)
                || (rank(incoming.status()) == rank(s.status) && incoming.status() != s.status);
    }

    private static int rank(OrderStatus status) {
        switch (status) {
            case PENDING: return 0;
            case PAID: return 1;
            case PARTIALLY_REFUNDED: return 2;
            case REFUNDED:
            case CANCELLED:
                return 3;
            default: throw new IllegalStateException("unknown status " + status);
        }
    }

    private static void insertLines(Tx tx, String orderId, List<LineItem> lines) throws SQLException {
        int no = 0;
        for (LineItem line : lines) {
            tx.update("INSERT INTO order_lines (order_id, line_no, external_id, sku, listing_external_id, title, quantity,"
                    + " unit_price, discount) VALUES (?,?,?,?,?,?,?,?,?)", orderId, no++, line.externalId(), line.sku(),
                    line.listingExternalId(), line.title(), line.quantity(), line.unitPrice().amount().toPlainString(),
                    line.discount().map(d -> d.amount().toPlainString()));
        }
    }

    private static Optional<Stored> findStored(Tx tx, Order order) throws SQLException {
        return tx.queryOne("SELECT id, status, updated_at FROM orders WHERE platform = ? AND external_id = ?",
                rs -> new Stored(rs.getString("id"), OrderStatus.valueOf(rs.getString("status")),
                        Optional.ofNullable(Tx.instant(rs, "updated_at"))), order.platform(), order.externalId());
    }

    private record Stored(String id, OrderStatus status, Optional<Instant> updatedAt) {
    }

    private record Row(String id, String orderId, OrderStatus status, Optional<OrderStatus> previous,
                       Optional<String> eventId, Instant at) {
    }

    /** Configures an {@link OrderIngest}. */
    public static final class Builder {
        private final HubStore store;
        private final Map<String, OrderChangeHandler> handlers = new LinkedHashMap<>();
        private String owner = "hub-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration leaseFor = Duration.ofMinutes(5);
        private int maxAttempts = 20;
        private Duration retryBackoff = Duration.ofSeconds(30);

        private Builder(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Registers a handler.
         *
         * @param handler the handler; its name must be unique
         * @return this builder
         * @throws ConfigurationException on a duplicate or malformed name
         */
        public Builder handler(OrderChangeHandler handler) {
            String name = handler.name();
            if (name == null || !name.matches("[a-z0-9_\\-]{1,64}")) {
                throw new ConfigurationException("Order change handler name must be 1-64 of a-z, 0-9, '-', '_', was '"
                        + name + "'", ErrorContext.empty());
            }
            if (handlers.putIfAbsent(name, handler) != null) {
                throw new ConfigurationException("Two order change handlers are named '" + name + "'", ErrorContext.empty());
            }
            return this;
        }

        /**
         * This instance's name in leases (diagnostics only).
         *
         * @param owner e.g. the host name
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * How long a claimed delivery stays with this instance before another may take it (5 min).
         *
         * @param leaseFor the lease
         * @return this builder
         */
        public Builder leaseFor(Duration leaseFor) {
            this.leaseFor = Objects.requireNonNull(leaseFor, "leaseFor");
            return this;
        }

        /**
         * Attempts before a delivery is given up and kept as DEAD (20).
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new ConfigurationException("maxAttempts must be at least 1", ErrorContext.empty());
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The wait after the first failure, doubled after each further one (30 s).
         *
         * @param retryBackoff the first wait
         * @return this builder
         */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        /** Builds the ingest. */
        public OrderIngest build() {
            return new OrderIngest(this);
        }
    }
}
