package io.patternhub.hub.ingest;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Polls a storefront's orders from a persisted cursor, for platforms without webhooks (or as a safety
 * net beside them). Each poll asks for orders modified since the cursor minus a rescan window
 * (platforms do not always bump the modification time for late refunds), ingests them through
 * {@link OrderIngest} (which drops what it has already seen) and only then moves the cursor, so a
 * crash in the middle repeats work but never skips an order. The cursor never moves past the store
 * clock's "now", whatever modification times the platform reports. Thread-safe; poll one source from one
 * thread at a time.
 */
public final class OrderPoller {
    private final HubStore store;
    private final OrderIngest ingest;
    private final Duration rescanWindow;

    /**
     * A poller.
     *
     * @param store        the hub store holding the cursors
     * @param ingest       where orders go
     * @param rescanWindow how far before the cursor to look again (e.g. 3 days)
     */
    public OrderPoller(HubStore store, OrderIngest ingest, Duration rescanWindow) {
        this.store = Objects.requireNonNull(store, "store");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        if (rescanWindow == null || rescanWindow.isNegative()) {
            throw new ConfigurationException("rescanWindow must be zero or positive, was " + rescanWindow, ErrorContext.empty());
        }
        this.rescanWindow = rescanWindow;
    }

    /**
     * What one poll did.
     *
     * @param seen    orders the storefront returned
     * @param changed orders that were new or reached a new status
     * @param cursor  the cursor after the poll
     */
    public record PollResult(int seen, int changed, Optional<Instant> cursor) {
    }

    /**
     * Polls once, then delivers the resulting order changes to the handlers.
     *
     * @param source     the cursor's name, one per storefront connection
     * @param storefront the storefront
     * @return what was seen
     */
    public PollResult poll(String source, Storefront storefront) {
        Objects.requireNonNull(storefront, "storefront");
        Optional<Instant> cursor = cursor(source);
        io.patternhub.core.storefront.ImmutableOrderQuery.Builder query = OrderQuery.builder().rescanWindow(rescanWindow);
        cursor.ifPresent(query::updatedSince);
        int seen = 0;
        int changed = 0;
        Instant newest = cursor.orElse(null);
        // A modification time after "now" (a platform's clock ahead of ours, a bad timestamp) never moves
        // the cursor: it would skip the orders changed between now and then. As PolledOrderEvents does.
        Instant now = store.clock().instant();
        try (Stream<Order> orders = storefront.orders(query.build())) {
            for (Order order : (Iterable<Order>) orders::iterator) {
                seen++;
                Instant modified = order.updatedAt().orElse(order.createdAt());
                String eventId = EventIds.of(order.platform(), "poll", order.externalId(), order.status().name(),
                        modified.toString());
                OrderIngest.Outcome outcome = ingest.ingest(order, eventId);
                if (outcome == OrderIngest.Outcome.CREATED || outcome == OrderIngest.Outcome.STATUS_CHANGED) {
                    changed++;
                }
                if ((newest == null || modified.isAfter(newest)) && !modified.isAfter(now)) {
                    newest = modified;
                }
            }
        }
        Instant saved = newest;
        store.inTransaction(tx -> saveCursor(tx, source, saved));
        ingest.dispatchAll();
        return new PollResult(seen, changed, Optional.ofNullable(saved));
    }

    /**
     * The persisted cursor of a source.
     *
     * @param source the source name
     * @return the modification time the next poll starts from (before the rescan window)
     */
    public Optional<Instant> cursor(String source) {
        return store.inTransaction(tx -> tx.queryOne("SELECT updated_since FROM poll_cursors WHERE source = ?",
                rs -> Optional.ofNullable(Tx.instant(rs, "updated_since")), source)).flatMap(o -> o);
    }

    private static Void saveCursor(Tx tx, String source, Instant updatedSince) throws java.sql.SQLException {
        int n = tx.update("UPDATE poll_cursors SET updated_since = ?, polled_at = ? WHERE source = ?",
                updatedSince, tx.now(), source);
        if (n == 0) {
            tx.update("INSERT INTO poll_cursors (source, updated_since, polled_at) VALUES (?, ?, ?)",
                    source, updatedSince, tx.now());
        }
        return null;
    }
}
