package io.patternhub.hub.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A durable work queue over one table with row leases, shared by several hub instances: the outbox
 * of storefront pushes and the webhook inbox both use it.
 *
 * <p>The table must have these columns (see the V1 migration's {@code outbox} for an example):
 * <pre>
 *   id           primary key, increasing
 *   lane         TEXT NOT NULL      -- partition: claims can be limited to one lane
 *   status       TEXT NOT NULL      -- PENDING, DONE or DEAD
 *   attempts     INTEGER NOT NULL   -- claims so far
 *   available_at BIGINT NOT NULL    -- epoch ms: not claimable before (backoff)
 *   lease_owner  TEXT, lease_token TEXT, lease_until BIGINT
 *   last_error   TEXT
 * </pre>
 *
 * <p>A claim marks rows with a fresh token and a lease deadline and commits at once; the work is then
 * done outside that transaction, and {@link #complete} or {@link #retryLater} are called inside the
 * transaction that records the work's result, so the result and the completion commit together. If
 * the worker dies, its lease runs out and another worker claims the row (nothing is lost). A worker
 * whose lease ran out cannot complete the row ({@link LeaseLostException}), so work is never recorded
 * twice. On PostgreSQL claims use {@code FOR UPDATE SKIP LOCKED}, so instances never wait for each
 * other; on SQLite the write lock taken at {@code BEGIN IMMEDIATE} serializes claims.
 */
public final class LeaseQueue {
    /** Row states. */
    public static final String PENDING = "PENDING";
    /** Done: never claimed again. */
    public static final String DONE = "DONE";
    /** Given up after too many attempts; kept for inspection. */
    public static final String DEAD = "DEAD";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final HubStore store;
    private final String table;

    LeaseQueue(HubStore store, String table) {
        this.store = Objects.requireNonNull(store, "store");
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new StoreException("not a valid table name for a lease queue: '" + table + "'");
        }
        this.table = table;
    }

    public String table() {
        return table;
    }

    /**
     * Claims up to {@code max} claimable rows, oldest first, in its own committed transaction.
     *
     * @param lane     only rows of this lane, or {@code null} for any lane
     * @param owner    who claims (for diagnostics, e.g. the hub instance id)
     * @param max      most rows to claim
     * @param leaseFor how long the lease lasts before another worker may take the rows
     * @return the leases, possibly none
     */
    public List<Lease> claim(String lane, String owner, int max, Duration leaseFor) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return store.inTransaction(tx -> claim(tx, lane, owner, max, leaseFor));
    }

    /**
     * Claims inside the caller's transaction (the claim commits with it).
     *
     * @param tx       the transaction
     * @param lane     only rows of this lane, or {@code null} for any lane
     * @param owner    who claims
     * @param max      most rows to claim
     * @param leaseFor the lease duration
     * @return the leases
     * @throws SQLException if the database fails
     */
    public List<Lease> claim(Tx tx, String lane, String owner, int max, Duration leaseFor) throws SQLException {
        Instant now = tx.now();
        Instant until = now.plus(leaseFor);
        String token = UUID.randomUUID().toString();
        String laneFilter = lane == null ? "" : " AND lane = ?";
        String lock = tx.vendor() == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        String sql = "UPDATE " + table + " SET lease_owner = ?, lease_token = ?, lease_until = ?, attempts = attempts + 1"
                + " WHERE id IN (SELECT id FROM " + table + " WHERE status = 'PENDING' AND available_at <= ?"
                + " AND (lease_until IS NULL OR lease_until <= ?)" + laneFilter
                + " ORDER BY id LIMIT ?" + lock + ") RETURNING id, lane, attempts";
        Object[] args = lane == null
                ? new Object[] {owner, token, until, now, now, max}
                : new Object[] {owner, token, until, now, now, lane, max};
        List<Lease> leases = tx.query(sql, rs -> new Lease(table, rs.getLong("id"), rs.getString("lane"), token,
                rs.getInt("attempts"), until), args);
        return leases.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /**
     * Marks a claimed row done, inside the transaction that records the work's result.
     *
     * @param tx    the transaction
     * @param lease the lease
     * @throws LeaseLostException if the lease ran out and another worker holds the row
     * @throws SQLException if the database fails
     */
    public void complete(Tx tx, Lease lease) throws SQLException {
        int n = tx.update("UPDATE " + table + " SET status = 'DONE', lease_owner = NULL, lease_token = NULL,"
                + " lease_until = NULL, last_error = NULL WHERE id = ? AND lease_token = ?", lease.id(), lease.token());
        if (n != 1) {
            throw new LeaseLostException(lease);
        }
    }

    /**
     * Gives a claimed row back to be retried no earlier than {@code retryAt}.
     *
     * @param tx      the transaction
     * @param lease   the lease
     * @param retryAt when it may be claimed again
     * @param error   why it failed, kept for diagnostics
     * @throws LeaseLostException if the lease was lost
     * @throws SQLException if the database fails
     */
    public void retryLater(Tx tx, Lease lease, Instant retryAt, String error) throws SQLException {
        int n = tx.update("UPDATE " + table + " SET available_at = ?, lease_owner = NULL, lease_token = NULL,"
                + " lease_until = NULL, last_error = ? WHERE id = ? AND lease_token = ?",
                retryAt, truncate(error), lease.id(), lease.token());
        if (n != 1) {
            throw new LeaseLostException(lease);
        }
    }

    /**
     * Gives up on a claimed row: it stays in the table as {@code DEAD} with the error.
     *
     * @param tx    the transaction
     * @param lease the lease
     * @param error why
     * @throws LeaseLostException if the lease was lost
     * @throws SQLException if the database fails
     */
    public void giveUp(Tx tx, Lease lease, String error) throws SQLException {
        int n = tx.update("UPDATE " + table + " SET status = 'DEAD', lease_owner = NULL, lease_token = NULL,"
                + " lease_until = NULL, last_error = ? WHERE id = ? AND lease_token = ?",
                truncate(error), lease.id(), lease.token());
        if (n != 1) {
            throw new LeaseLostException(lease);
        }
    }

    /**
     * Fences a write: throws unless the lease is still held, inside the transaction making the write.
     *
     * @param tx    the transaction
     * @param lease the lease
     * @throws LeaseLostException if another worker took the row over
     * @throws SQLException if the database fails
     */
    public void requireHeld(Tx tx, Lease lease) throws SQLException {
        if (tx.queryOne("SELECT id FROM " + table + " WHERE id = ? AND lease_token = ?", rs -> rs.getLong(1),
                lease.id(), lease.token()).isEmpty()) {
            throw new LeaseLostException(lease);
        }
    }

    /**
     * Extends a lease still held, for long work.
     *
     * @param lease    the lease
     * @param leaseFor the new duration from now
     * @return the extended lease
     * @throws LeaseLostException if it was already lost
     */
    public Lease renew(Lease lease, Duration leaseFor) {
        return store.inTransaction(tx -> {
            Instant until = tx.now().plus(leaseFor);
            int n = tx.update("UPDATE " + table + " SET lease_until = ? WHERE id = ? AND lease_token = ?",
                    until, lease.id(), lease.token());
            if (n != 1) {
                throw new LeaseLostException(lease);
            }
            return new Lease(table, lease.id(), lease.lane(), lease.token(), lease.attempts(), until);
        });
    }

    /**
     * Rows still to do (pending, leased or not).
     *
     * @param lane one lane, or {@code null} for all
     * @return the count
     */
    public long pendingCount(String lane) {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM " + table + " WHERE status = 'PENDING'"
                + (lane == null ? "" : " AND lane = ?"), rs -> rs.getLong(1),
                lane == null ? new Object[0] : new Object[] {lane}).orElse(0L));
    }

    /**
     * When the next pending row of a lane becomes claimable (its backoff or lease ends), if any.
     *
     * @param lane one lane, or {@code null} for all
     * @return the earliest instant, or {@code null} when nothing is pending
     */
    public Instant nextAvailableAt(String lane) {
        return store.inTransaction(tx -> tx.queryOne("SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > available_at"
                + " THEN lease_until ELSE available_at END) AS t FROM " + table + " WHERE status = 'PENDING'"
                + (lane == null ? "" : " AND lane = ?"), rs -> Tx.instant(rs, "t"),
                lane == null ? new Object[0] : new Object[] {lane}).orElse(null));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
