package io.patternhub.hub.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Refund;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.OrderLineRecord;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Export, erasure and retention of customer data.
 *
 * <p>Personal data lives in one place, the {@code customers} row; orders, entitlements, links and
 * notification records refer to it by id only. Erasure therefore nulls the email, name and country,
 * replaces the platform's customer id by a pseudonym, and drops unprocessed inbox events that still
 * carry the customer's data (processed ones keep no payload), and clears the reasons of the customer's
 * refunds (free text a buyer may have written). Orders, with their fees, taxes and refund amounts, stay
 * for accounting. After the erasure commits, {@link HubStore#purgeFreedData()} removes the old page images
 * that still hold the overwritten values from the SQLite files. Thread-safe.
 */
public final class PrivacyService {
    private final HubStore store;
    private final Orders orders;
    private final Consumer<ObjectNode> dataRequestSink;

    /**
     * A privacy service.
     *
     * @param store           the hub store
     * @param dataRequestSink receives the exports a platform's data request produces (e.g. to email the seller)
     */
    public PrivacyService(HubStore store, Consumer<ObjectNode> dataRequestSink) {
        this.store = Objects.requireNonNull(store, "store");
        this.orders = new Orders(store);
        this.dataRequestSink = Objects.requireNonNull(dataRequestSink, "dataRequestSink");
    }

    /**
     * Everything held about the customers with this email, on every platform.
     *
     * @param email the email
     * @return {@code {"email":..., "customers":[{customer, orders, entitlements, download_links, notifications}]}}
     */
    public ObjectNode exportByEmail(String email) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("email", email);
        ArrayNode list = root.putArray("customers");
        for (CustomerRecord c : orders.customersByEmail(email)) {
            list.add(exportCustomer(c.id()));
        }
        return root;
    }

    /**
     * Everything held about one customer record.
     *
     * @param customerId the hub's customer id
     * @return the export
     */
    public ObjectNode exportCustomer(String customerId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        CustomerRecord c = orders.customer(customerId).orElseThrow(() -> new io.patternhub.core.error.NotFoundException(
                "No customer " + customerId, io.patternhub.core.error.ErrorContext.empty()));
        ObjectNode cn = out.putObject("customer");
        cn.put("id", c.id());
        cn.put("platform", c.platform().name());
        c.externalId().ifPresent(v -> cn.put("external_id", v));
        c.email().ifPresent(v -> cn.put("email", v));
        c.name().ifPresent(v -> cn.put("name", v));
        c.country().ifPresent(v -> cn.put("country", v));
        cn.put("created_at", c.createdAt().toString());
        cn.put("last_activity_at", c.lastActivityAt().toString());
        c.erasedAt().ifPresent(v -> cn.put("erased_at", v.toString()));
        ArrayNode on = out.putArray("orders");
        for (OrderRecord o : orders.ofCustomer(customerId)) {
            ObjectNode n = on.addObject();
            n.put("id", o.id());
            n.put("platform", o.platform().name());
            n.put("external_id", o.externalId());
            o.orderNumber().ifPresent(v -> n.put("order_number", v));
            n.put("status", o.status().name());
            n.put("currency", o.total().currencyCode());
            n.put("total", o.total().amount().toPlainString());
            n.put("total_refunded", o.totalRefunded().amount().toPlainString());
            n.put("created_at", o.createdAt().toString());
            // refund reasons are free text the buyer may have written: part of what the hub holds about them
            ArrayNode refunds = n.putArray("refunds");
            for (Refund r : orders.order(o.id()).refunds()) {
                ObjectNode rn = refunds.addObject();
                rn.put("id", r.externalId());
                rn.put("amount", r.amount().amount().toPlainString());
                rn.put("created_at", r.createdAt().toString());
                r.reason().ifPresent(v -> rn.put("reason", v));
            }
            ArrayNode lines = n.putArray("lines");
            for (OrderLineRecord l : o.lines()) {
                ObjectNode ln = lines.addObject();
                l.sku().ifPresent(v -> ln.put("sku", v));
                ln.put("title", l.title());
                ln.put("quantity", l.quantity());
                ln.put("unit_price", l.unitPrice().amount().toPlainString());
            }
        }
        store.inTransaction(tx -> {
            ArrayNode en = out.putArray("entitlements");
            tx.query("SELECT id, order_id, sku, granted_at, revoked_at, revoke_reason FROM entitlements WHERE customer_id = ?"
                    + " ORDER BY granted_at, id", rs -> {
                    ObjectNode n = en.addObject();
                    n.put("id", rs.getString("id"));
                    n.put("order_id", rs.getString("order_id"));
                    n.put("sku", rs.getString("sku"));
                    n.put("granted_at", Tx.instant(rs, "granted_at").toString());
                    Instant revoked = Tx.instant(rs, "revoked_at");
                    if (revoked != null) {
                        n.put("revoked_at", revoked.toString());
                        n.put("revoke_reason", rs.getString("revoke_reason"));
                    }
                    return n;
                }, customerId);
            ArrayNode ln = out.putArray("download_links");
            tx.query("SELECT l.id, l.file_name, l.expires_at, l.max_downloads, l.downloads FROM download_links l"
                    + " JOIN entitlements e ON e.id = l.entitlement_id WHERE e.customer_id = ? ORDER BY l.created_at, l.id",
                    rs -> ln.addObject().put("id", rs.getString("id")).put("file_name", rs.getString("file_name"))
                            .put("expires_at", Tx.instant(rs, "expires_at").toString())
                            .put("max_downloads", rs.getInt("max_downloads")).put("downloads", rs.getInt("downloads")),
                    customerId);
            ArrayNode nn = out.putArray("notifications");
            tx.query("SELECT kind, state, created_at, sent_at FROM notifications_sent WHERE customer_id = ? ORDER BY created_at",
                    rs -> {
                        ObjectNode n = nn.addObject().put("kind", rs.getString("kind")).put("state", rs.getString("state"))
                                .put("created_at", Tx.instant(rs, "created_at").toString());
                        Instant sent = Tx.instant(rs, "sent_at");
                        if (sent != null) {
                            n.put("sent_at", sent.toString());
                        }
                        return n;
                    }, customerId);
            return null;
        });
        return out;
    }

    /**
     * Erases every customer record with this email.
     *
     * @param email the email
     * @return what was erased
     */
    public ErasureReport eraseByEmail(String email) {
        List<String> ids = orders.customersByEmail(email).stream().map(CustomerRecord::id).toList();
        return erase(ids);
    }

    /**
     * Erases customer records by id, then purges freed data from the store's files.
     *
     * @param customerIds the hub's customer ids
     * @return what was erased
     * @throws io.patternhub.hub.store.StoreException if the purge could not complete because a reader held the
     *         SQLite write-ahead log (the erasure is committed; {@link HubStore#purgeFreedData()} can be retried)
     */
    public ErasureReport erase(List<String> customerIds) {
        ErasureReport report = store.inTransaction(tx -> {
            int orderCount = 0;
            int scrubbed = 0;
            List<String> erased = new ArrayList<>();
            for (String id : customerIds) {
                CustomerRecord c = tx.queryOne("SELECT * FROM customers WHERE id = ?", Orders::mapCustomer, id).orElse(null);
                if (c == null) {
                    continue;
                }
                Set<String> traces = new LinkedHashSet<>();
                c.email().ifPresent(traces::add);
                c.name().ifPresent(traces::add);
                c.externalId().filter(x -> !x.startsWith("erased:")).ifPresent(traces::add);
                scrubbed += scrubInbox(tx, traces);
                tx.update("UPDATE customers SET email = NULL, name = NULL, country = NULL, external_id = ?,"
                        + " erased_at = COALESCE(erased_at, ?) WHERE id = ?", "erased:" + id, tx.now(), id);
                // refund reasons are free text the buyer may have written: treated as personal data
                tx.update("UPDATE order_refunds SET reason = NULL WHERE order_id IN"
                        + " (SELECT id FROM orders WHERE customer_id = ?)", id);
                orderCount += tx.queryOne("SELECT COUNT(*) FROM orders WHERE customer_id = ?", rs -> rs.getInt(1), id).orElse(0);
                erased.add(id);
            }
            return new ErasureReport(erased, orderCount, scrubbed);
        });
        if (!report.customerIds().isEmpty()) {
            // old page images in the SQLite files still hold what the transaction overwrote
            store.purgeFreedData();
        }
        return report;
    }

    /**
     * Applies retention rules as of the store clock's now.
     *
     * @param policy the rules
     * @return what was removed
     */
    public RetentionReport applyRetention(RetentionPolicy policy) {
        Instant now = store.clock().instant();
        int erased = 0;
        if (policy.eraseInactiveCustomersAfter().isPresent()) {
            Instant cutoff = now.minus(policy.eraseInactiveCustomersAfter().get());
            List<String> ids = store.inTransaction(tx -> tx.query("SELECT id FROM customers WHERE erased_at IS NULL"
                    + " AND last_activity_at < ?", rs -> rs.getString(1), cutoff));
            erased = erase(ids).customerIds().size();
        }
        int inbox = policy.deleteProcessedInboxAfter().map(d -> store.inTransaction(tx -> tx.update(
                "DELETE FROM webhook_inbox WHERE status = 'DONE' AND processed_at < ?", now.minus(d)))).orElse(0);
        int links = policy.deleteExpiredLinksAfter().map(d -> store.inTransaction(tx -> tx.update(
                "DELETE FROM download_links WHERE expires_at < ?", now.minus(d)))).orElse(0);
        return new RetentionReport(erased, inbox, links);
    }

    /**
     * Acts on a platform's privacy request (Shopify's {@code customers/data_request},
     * {@code customers/redact} and {@code shop/redact}): exports go to the data-request sink; redacts
     * erase the customers named (by platform id or email), or every customer of the platform for a shop
     * redact. Register it with the inbox: {@code .onPrivacyEvent(privacy::handle)}.
     *
     * @param event the request
     * @return what was done
     */
    public PrivacyOutcome handle(PrivacyEvent event) {
        switch (event.kind()) {
            case DATA_REQUEST: {
                List<ObjectNode> exports = new ArrayList<>();
                for (String id : resolve(event.customers())) {
                    ObjectNode export = exportCustomer(id);
                    export.put("request_event_id", event.eventId());
                    exports.add(export);
                    dataRequestSink.accept(export);
                }
                return new PrivacyOutcome(event.kind(), exports, new ErasureReport(List.of(), 0, 0));
            }
            case CUSTOMER_REDACT:
                return new PrivacyOutcome(event.kind(), List.of(), erase(resolve(event.customers())));
            case SHOP_REDACT: {
                Platform platform = event.platform();
                List<String> all = store.inTransaction(tx -> tx.query("SELECT id FROM customers WHERE platform = ?",
                        rs -> rs.getString(1), platform));
                return new PrivacyOutcome(event.kind(), List.of(), erase(all));
            }
            default:
                throw new IllegalStateException("unknown privacy request " + event.kind());
        }
    }

    private List<String> resolve(List<CustomerRef> refs) {
        return store.inTransaction(tx -> {
            Set<String> ids = new LinkedHashSet<>();
            for (CustomerRef ref : refs) {
                if (ref.externalId().isPresent()) {
                    ids.addAll(tx.query("SELECT id FROM customers WHERE platform = ? AND external_id = ?",
                            rs -> rs.getString(1), ref.platform(), ref.externalId().get()));
                }
                if (ref.email().isPresent()) {
                    ids.addAll(tx.query("SELECT id FROM customers WHERE platform = ? AND LOWER(email) = LOWER(?)",
                            rs -> rs.getString(1), ref.platform(), ref.email().get()));
                }
            }
            return new ArrayList<>(ids);
        });
    }

    /** Drops inbox payloads and error texts that mention the customer. */
    private static int scrubInbox(Tx tx, Set<String> traces) throws SQLException {
        if (traces.isEmpty()) {
            return 0;
        }
        record Row(long id, String payload, String error) {
        }
        List<Row> rows = tx.query("SELECT id, payload, last_error FROM webhook_inbox WHERE payload IS NOT NULL"
                + " OR last_error IS NOT NULL", rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
        int n = 0;
        for (Row r : rows) {
            if (mentions(r.payload, traces) || mentions(r.error, traces)) {
                tx.update("UPDATE webhook_inbox SET payload = NULL, last_error = 'erased: personal data removed',"
                        + " status = CASE WHEN status = 'PENDING' THEN 'DEAD' ELSE status END, lease_owner = NULL,"
                        + " lease_token = NULL, lease_until = NULL WHERE id = ?", r.id);
                n++;
            }
        }
        tx.update("UPDATE order_change_deliveries SET last_error = NULL WHERE last_error IS NOT NULL");
        return n;
    }

    private static boolean mentions(String text, Set<String> traces) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return traces.stream().anyMatch(t -> lower.contains(t.toLowerCase(Locale.ROOT)));
    }
}
