package io.patternhub.hub.ingest;

import io.patternhub.core.model.CustomerRef;
import io.patternhub.hub.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds or creates the {@code customers} row of an order's buyer: by the platform's customer id, or for a
 * guest (no id) by email without regard to case. The database holds one row per key (the unique index on
 * {@code (platform, external_id)}, and since V5 the partial one on {@code (platform, LOWER(email))} of guest
 * rows not erased), so two hub instances inserting the same new buyer at once end with one row: the loser's
 * insert does nothing and it re-reads the winner's committed row.
 */
final class CustomerUpsert {
    private static final String GUEST = "external_id IS NULL AND erased_at IS NULL";

    private CustomerUpsert() {
    }

    /**
     * The buyer's customer id, after refreshing what the platform now says about them.
     *
     * @param tx    the transaction
     * @param buyer the buyer (an id or an email, as {@link CustomerRef} guarantees)
     * @param now   the store clock's now
     * @return the hub's customer id
     * @throws SQLException if the database fails
     */
    static String upsert(Tx tx, CustomerRef buyer, Instant now) throws SQLException {
        Optional<String> existing = find(tx, buyer);
        if (existing.isEmpty()) {
            String id = UUID.randomUUID().toString();
            int inserted = tx.update("INSERT INTO customers (id, platform, external_id, email, name, country, created_at,"
                    + " last_activity_at) VALUES (?,?,?,?,?,?,?,?) " + conflictClause(buyer),
                    id, buyer.platform(), buyer.externalId(), buyer.email(), buyer.name(), buyer.country(), now, now);
            if (inserted == 1) {
                return id;
            }
            existing = find(tx, buyer);
            if (existing.isEmpty()) {
                throw new SQLException("customer " + describe(buyer) + " conflicted on insert but cannot be read");
            }
        }
        tx.update("UPDATE customers SET email = COALESCE(?, email), name = COALESCE(?, name),"
                + " country = COALESCE(?, country), last_activity_at = ? WHERE id = ?",
                buyer.email(), buyer.name(), buyer.country(), now, existing.get());
        return existing.get();
    }

    private static Optional<String> find(Tx tx, CustomerRef buyer) throws SQLException {
        if (buyer.externalId().isPresent()) {
            return tx.queryOne("SELECT id FROM customers WHERE platform = ? AND external_id = ?", rs -> rs.getString(1),
                    buyer.platform(), buyer.externalId().get());
        }
        return tx.queryOne("SELECT id FROM customers WHERE platform = ? AND LOWER(email) = LOWER(?) AND " + GUEST,
                rs -> rs.getString(1), buyer.platform(), buyer.email().orElseThrow());
    }

    /** The unique index the insert may collide with; the target and predicate must match the index's. */
    private static String conflictClause(CustomerRef buyer) {
        return buyer.externalId().isPresent()
                ? "ON CONFLICT (platform, external_id) DO NOTHING"
                : "ON CONFLICT (platform, LOWER(email)) WHERE " + GUEST + " DO NOTHING";
    }

    /** Names the buyer in an error without their email (personal data stays out of logs). */
    private static String describe(CustomerRef buyer) {
        return buyer.platform() + " " + buyer.externalId().orElse("guest");
    }
}
