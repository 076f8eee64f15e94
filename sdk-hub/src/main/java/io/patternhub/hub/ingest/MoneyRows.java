package io.patternhub.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.Tx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the money rows of orders and payouts (fees, tax lines, refunds) so that the core
 * models come back exactly: amounts as plain decimal strings with their own currency where the model
 * allows another one, times as epoch milliseconds, order kept by a position column.
 */
final class MoneyRows {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** Which table holds fees, and the column naming their owner. */
    enum FeeTable {
        ORDER("order_fees", "order_id"),
        PAYOUT("payout_fees", "payout_id");

        private final String table;
        private final String owner;

        FeeTable(String table, String owner) {
            this.table = table;
            this.owner = owner;
        }
    }

    private MoneyRows() {
    }

    /** Replaces an order's fees, tax lines and refunds with those of the snapshot. */
    static void replaceOrderRows(Tx tx, String orderId, Order order) throws SQLException {
        tx.update("DELETE FROM order_fees WHERE order_id = ?", orderId);
        tx.update("DELETE FROM order_taxes WHERE order_id = ?", orderId);
        tx.update("DELETE FROM order_refunds WHERE order_id = ?", orderId);
        insertFees(tx, FeeTable.ORDER, orderId, order.fees());
        int no = 0;
        for (TaxLine t : order.taxes()) {
            tx.update("INSERT INTO order_taxes (order_id, tax_no, amount, rate, country, region, collected_by, title)"
                    + " VALUES (?,?,?,?,?,?,?,?)", orderId, no++, decimal(t.amount()),
                    t.rate().map(BigDecimal::toString), t.country(), t.region(), t.collectedBy(), t.title());
        }
        no = 0;
        for (Refund r : order.refunds()) {
            tx.update("INSERT INTO order_refunds (order_id, refund_no, external_id, amount, created_at, reason, line_refs)"
                    + " VALUES (?,?,?,?,?,?,?)", orderId, no++, r.externalId(), decimal(r.amount()), r.createdAt(),
                    r.reason(), toJson(r.lineRefs()));
        }
    }

    static void insertFees(Tx tx, FeeTable table, String ownerId, List<Fee> fees) throws SQLException {
        tx.update("DELETE FROM " + table.table + " WHERE " + table.owner + " = ?", ownerId);
        int no = 0;
        for (Fee f : fees) {
            tx.update("INSERT INTO " + table.table + " (" + table.owner + ", fee_no, kind, amount, currency, tax,"
                    + " description, refund_id) VALUES (?,?,?,?,?,?,?,?)", ownerId, no++, f.kind(), decimal(f.amount()),
                    f.amount().currencyCode(), f.tax().map(MoneyRows::decimal), f.description(), f.refundId());
        }
    }

    static List<Fee> fees(Tx tx, FeeTable table, String ownerId) throws SQLException {
        return tx.query("SELECT " + FEE_COLUMNS + " FROM " + table.table + " WHERE " + table.owner + " = ? ORDER BY fee_no",
                MoneyRows::fee, ownerId);
    }

    /**
     * The fees of every owner an id subquery selects, in one query.
     *
     * @param ownerIds a {@code SELECT} of owner ids, with {@code args}
     * @return owner id to its fees, in order
     */
    static Map<String, List<Fee>> fees(Tx tx, FeeTable table, String ownerIds, Object... args) throws SQLException {
        Map<String, List<Fee>> out = new HashMap<>();
        tx.query("SELECT " + table.owner + ", " + FEE_COLUMNS + " FROM " + table.table + " WHERE " + table.owner
                + " IN (" + ownerIds + ") ORDER BY " + table.owner + ", fee_no", rs -> out.computeIfAbsent(
                rs.getString(table.owner), k -> new ArrayList<>()).add(fee(rs)), args);
        return out;
    }

    static final String FEE_COLUMNS = "kind, amount, currency, tax, description, refund_id";

    /** Maps a fee row selected with {@link #FEE_COLUMNS}. */
    static Fee fee(ResultSet rs) throws SQLException {
        Currency currency = Money.currency(rs.getString("currency"));
        return Fee.builder().kind(FeeKind.valueOf(rs.getString("kind")))
                .amount(Money.of(rs.getString("amount"), currency.getCurrencyCode()))
                .tax(Optional.ofNullable(rs.getString("tax")).map(t -> Money.of(new BigDecimal(t), currency)))
                .description(Optional.ofNullable(rs.getString("description")))
                .refundId(Optional.ofNullable(rs.getString("refund_id")))
                .build();
    }

    static final String TAX_COLUMNS = "amount, rate, country, region, collected_by, title";

    static List<TaxLine> taxes(Tx tx, String orderId, Currency currency) throws SQLException {
        return tx.query("SELECT " + TAX_COLUMNS + " FROM order_taxes WHERE order_id = ? ORDER BY tax_no",
                rs -> tax(rs, currency), orderId);
    }

    /** Maps an {@code order_taxes} row selected with {@link #TAX_COLUMNS}, in its order's currency. */
    static TaxLine tax(ResultSet rs, Currency currency) throws SQLException {
        return TaxLine.builder()
                .amount(Money.of(new BigDecimal(rs.getString("amount")), currency))
                .rate(Optional.ofNullable(rs.getString("rate")).map(BigDecimal::new))
                .country(Optional.ofNullable(rs.getString("country")))
                .region(Optional.ofNullable(rs.getString("region")))
                .collectedBy(TaxCollector.valueOf(rs.getString("collected_by")))
                .title(Optional.ofNullable(rs.getString("title")))
                .build();
    }

    static final String REFUND_COLUMNS = "external_id, amount, created_at, reason, line_refs";

    static List<Refund> refunds(Tx tx, String orderId, Currency currency) throws SQLException {
        return tx.query("SELECT " + REFUND_COLUMNS + " FROM order_refunds WHERE order_id = ? ORDER BY refund_no",
                rs -> refund(rs, currency), orderId);
    }

    /** Maps an {@code order_refunds} row selected with {@link #REFUND_COLUMNS}, in its order's currency. */
    static Refund refund(ResultSet rs, Currency currency) throws SQLException {
        return Refund.builder()
                .externalId(rs.getString("external_id"))
                .amount(Money.of(new BigDecimal(rs.getString("amount")), currency))
                .createdAt(Tx.instant(rs, "created_at"))
                .reason(Optional.ofNullable(rs.getString("reason")))
                .lineRefs(fromJson(rs.getString("line_refs")))
                .build();
    }

    /** An amount as stored: a plain decimal string, the exact value (money compares by value). */
    static String decimal(Money m) {
        return m.amount().toPlainString();
    }

    private static String toJson(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode refund line references " + values, e);
        }
    }

    private static List<String> fromJson(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored refund line references are not a JSON array: " + json, e);
        }
    }
}
