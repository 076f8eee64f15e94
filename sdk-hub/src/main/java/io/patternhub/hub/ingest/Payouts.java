package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The platforms' payouts the hub holds, keyed by (platform, external id) and upserted idempotently, with
 * the fees that belong to a payout rather than an order (listing fees, ads). Payouts read back equal what
 * was stored, with those fees as {@link Payout#payoutFees()}, except for {@link Payout#raw()} (of the payout
 * and its fees), which is not kept. Thread-safe.
 */
public final class Payouts {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final String COLUMNS = "id, platform, external_id, status, currency, gross, fees, refunds,"
            + " adjustments, net, period_start, period_end, arrival_day";

    private final HubStore store;

    /**
     * Reads and writes payouts in a store.
     *
     * @param store the hub store
     */
    public Payouts(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What one upsert did. */
    public enum Outcome {
        /** The payout was new. */
        CREATED,
        /** The payout was known and something in it changed (its status, amounts, orders or fees). */
        UPDATED,
        /** The payout was known exactly as given. */
        UNCHANGED
    }

    /**
     * Stores a payout with its own payout-level fees ({@link Payout#payoutFees()}, replacing any stored ones).
     *
     * @param payout the payout
     * @return what changed
     */
    public Outcome upsert(Payout payout) {
        return upsert(payout, List.of());
    }

    /**
     * Stores a payout and the fees deducted from it that belong to no order.
     *
     * @param payout     the payout
     * @param payoutFees fees in the payout's currency; they replace the stored ones. Empty: the payout's
     *                   own {@link Payout#payoutFees()}
     * @return what changed
     * @throws CurrencyMismatchException if a fee is in another currency than the payout
     * @throws InvalidRequestException if both the payout and {@code payoutFees} list fees, and they differ
     */
    public Outcome upsert(Payout payout, List<Fee> payoutFees) {
        return store.inTransaction(tx -> upsert(tx, payout, payoutFees));
    }

    /**
     * Stores a payout inside the caller's transaction.
     *
     * @param tx         the transaction
     * @param payout     the payout
     * @param payoutFees fees in the payout's currency
     * @return what changed
     * @throws SQLException if the database fails
     */
    public Outcome upsert(Tx tx, Payout payout, List<Fee> payoutFees) throws SQLException {
        Objects.requireNonNull(payout, "payout");
        List<Fee> fees = List.copyOf(payoutFees);
        if (fees.isEmpty()) {
            fees = payout.payoutFees();
        } else if (!payout.payoutFees().isEmpty() && !withoutRaw(payout.payoutFees()).equals(withoutRaw(fees))) {
            throw new InvalidRequestException("Payout " + payout.externalId() + " lists payout fees "
                    + payout.payoutFees() + " and other ones were given: " + fees + "; give them once",
                    ErrorContext.empty());
        }
        for (Fee fee : fees) {
            if (!fee.amount().currency().equals(payout.currency())) {
                throw new CurrencyMismatchException("store a fee of payout " + payout.externalId() + " in",
                        payout.currency(), fee.amount().currency());
            }
        }
        Optional<String> existing = id(tx, payout.platform(), payout.externalId());
        Instant now = tx.now();
        if (existing.isPresent()) {
            String id = existing.get();
            Payout stored = read(tx, id);
            if (stored.equals(withoutRaw(payout.toBuilder().payoutFees(withoutRaw(fees)).build()))) {
                return Outcome.UNCHANGED;
            }
            tx.update("UPDATE payouts SET status = ?, currency = ?, gross = ?, fees = ?, refunds = ?, adjustments = ?,"
                    + " net = ?, period_start = ?, period_end = ?, arrival_day = ?, updated_at = ? WHERE id = ?",
                    payout.status(), payout.currency().getCurrencyCode(), MoneyRows.decimal(payout.gross()),
                    MoneyRows.decimal(payout.fees()), MoneyRows.decimal(payout.refunds()),
                    MoneyRows.decimal(payout.adjustments()), MoneyRows.decimal(payout.net()), payout.periodStart(),
                    payout.periodEnd(), payout.arrivalDate().map(LocalDate::toEpochDay), now, id);
            writeChildren(tx, id, payout, fees);
            return Outcome.UPDATED;
        }
        String id = UUID.randomUUID().toString();
        tx.update("INSERT INTO payouts (" + COLUMNS + ", first_seen_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, payout.platform(), payout.externalId(), payout.status(), payout.currency().getCurrencyCode(),
                MoneyRows.decimal(payout.gross()), MoneyRows.decimal(payout.fees()), MoneyRows.decimal(payout.refunds()),
                MoneyRows.decimal(payout.adjustments()), MoneyRows.decimal(payout.net()), payout.periodStart(),
                payout.periodEnd(), payout.arrivalDate().map(LocalDate::toEpochDay), now, now);
        writeChildren(tx, id, payout, fees);
        return Outcome.CREATED;
    }

    /**
     * A payout by its platform id.
     *
     * @param platform   the platform
     * @param externalId the platform's payout id
     * @return the payout, if the hub has it
     */
    public Optional<Payout> find(Platform platform, String externalId) {
        return store.inTransaction(tx -> {
            Optional<String> id = id(tx, platform, externalId);
            return id.isPresent() ? Optional.of(read(tx, id.get())) : Optional.<Payout>empty();
        });
    }

    /**
     * The fees stored with a payout that belong to no order.
     *
     * @param payout the payout (its platform and external id)
     * @return the fees, in the order given; empty when the payout is unknown
     */
    public List<Fee> payoutFees(Payout payout) {
        return store.inTransaction(tx -> {
            Optional<String> id = id(tx, payout.platform(), payout.externalId());
            return id.isPresent() ? MoneyRows.fees(tx, MoneyRows.FeeTable.PAYOUT, id.get()) : List.<Fee>of();
        });
    }

    /**
     * The payouts whose time overlaps {@code [from, to)}: by their period where known, else by the arrival
     * day. Payouts with neither are included (they cannot be placed in time). Ordered by platform and id.
     *
     * @param from first instant, inclusive
     * @param to   end, exclusive
     * @return the payouts
     */
    public List<Payout> overlapping(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("The end " + to + " must be after the start " + from, ErrorContext.empty());
        }
        return store.inTransaction(tx -> readWhere(tx, overlapCondition("payouts"), from, to));
    }

    /**
     * The SQL condition "the payout {@code alias} overlaps {@code [?, ?)}" (from, to): a payout's span is
     * [period start, period end], each falling back to the arrival day (or the other end); payouts with
     * neither are included, since they cannot be placed in time.
     */
    static String overlapCondition(String alias) {
        String a = alias + ".";
        String spanStart = "COALESCE(" + a + "period_start, " + a + "arrival_day * " + DAY_MILLIS + ", " + a + "period_end)";
        String spanEnd = "COALESCE(" + a + "period_end, " + a + "arrival_day * " + DAY_MILLIS + " + " + (DAY_MILLIS - 1)
                + ", " + a + "period_start)";
        return "(" + spanEnd + " >= ? AND " + spanStart + " < ?) OR (" + a + "period_start IS NULL AND " + a
                + "period_end IS NULL AND " + a + "arrival_day IS NULL)";
    }

    /**
     * Every payout the hub holds, ordered by platform and id.
     *
     * @return the payouts
     */
    public List<Payout> all() {
        return store.inTransaction(tx -> readWhere(tx, "1 = 1"));
    }

    /**
     * How many payouts the hub holds.
     *
     * @return the count
     */
    public long count() {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM payouts", rs -> rs.getLong(1)).orElse(0L));
    }

    private static Optional<String> id(Tx tx, Platform platform, String externalId) throws SQLException {
        return tx.queryOne("SELECT id FROM payouts WHERE platform = ? AND external_id = ?", rs -> rs.getString(1),
                platform, externalId);
    }

    private static void writeChildren(Tx tx, String id, Payout payout, List<Fee> fees) throws SQLException {
        tx.update("DELETE FROM payout_orders WHERE payout_id = ?", id);
        int position = 0;
        for (String orderId : payout.orderIds()) {
            tx.update("INSERT INTO payout_orders (payout_id, position, order_external_id) VALUES (?,?,?)",
                    id, position++, orderId);
        }
        MoneyRows.insertFees(tx, MoneyRows.FeeTable.PAYOUT, id, fees);
    }

    /** The payouts a condition on {@code payouts} selects, by platform and id, in three queries. */
    private static List<Payout> readWhere(Tx tx, String condition, Object... args) throws SQLException {
        String ids = "SELECT id FROM payouts WHERE " + condition;
        Map<String, List<String>> orderIds = new HashMap<>();
        tx.query("SELECT payout_id, order_external_id FROM payout_orders WHERE payout_id IN (" + ids + ")"
                + " ORDER BY payout_id, position", rs -> orderIds.computeIfAbsent(rs.getString(1),
                k -> new ArrayList<>()).add(rs.getString(2)), args);
        Map<String, List<Fee>> fees = MoneyRows.fees(tx, MoneyRows.FeeTable.PAYOUT, ids, args);
        return tx.query("SELECT " + COLUMNS + " FROM payouts WHERE " + condition + " ORDER BY platform, external_id",
                rs -> map(rs, orderIds.getOrDefault(rs.getString("id"), List.of()),
                        fees.getOrDefault(rs.getString("id"), List.of())), args);
    }

    private static Payout read(Tx tx, String id) throws SQLException {
        List<String> orderIds = tx.query("SELECT order_external_id FROM payout_orders WHERE payout_id = ? ORDER BY position",
                rs -> rs.getString(1), id);
        List<Fee> fees = MoneyRows.fees(tx, MoneyRows.FeeTable.PAYOUT, id);
        return tx.queryOne("SELECT " + COLUMNS + " FROM payouts WHERE id = ?", rs -> map(rs, orderIds, fees), id)
                .orElseThrow();
    }

    private static Payout map(ResultSet rs, List<String> orderIds, List<Fee> fees) throws SQLException {
        Currency currency = Money.currency(rs.getString("currency"));
        long arrival = rs.getLong("arrival_day");
        Optional<LocalDate> arrivalDay = rs.wasNull() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(arrival));
        return Payout.builder()
                .platform(Platform.valueOf(rs.getString("platform")))
                .externalId(rs.getString("external_id"))
                .status(PayoutStatus.valueOf(rs.getString("status")))
                .currency(currency)
                .gross(money(rs, "gross", currency))
                .fees(money(rs, "fees", currency))
                .refunds(money(rs, "refunds", currency))
                .adjustments(money(rs, "adjustments", currency))
                .net(money(rs, "net", currency))
                .periodStart(Optional.ofNullable(Tx.instant(rs, "period_start")))
                .periodEnd(Optional.ofNullable(Tx.instant(rs, "period_end")))
                .arrivalDate(arrivalDay)
                .orderIds(orderIds)
                .payoutFees(fees)
                .build();
    }

    private static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
        return Money.of(new BigDecimal(rs.getString(column)), currency);
    }

    /** The model as the hub keeps it: without the platform's raw payload. */
    private static Payout withoutRaw(Payout payout) {
        return payout.hasRaw() ? payout.toBuilder().raw(com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                .build() : payout;
    }

    private static List<Fee> withoutRaw(List<Fee> fees) {
        return fees.stream().map(f -> f.hasRaw() ? (Fee) f.toBuilder()
                .raw(com.fasterxml.jackson.databind.node.MissingNode.getInstance()).build() : f).toList();
    }
}
