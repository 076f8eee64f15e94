package io.patternhub.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.event.OrderPollState;
import io.patternhub.core.event.OrderPollStateStore;
import io.patternhub.core.event.PolledOrderEvents;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.ImmutableOrderQuery;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Polls a storefront's orders from a persisted cursor, for platforms without webhooks (or as a safety
 * net beside them), through the SDK's shared polling engine, {@link PolledOrderEvents}. Each poll asks for
 * orders modified since the cursor minus a rescan window (platforms do not always bump the modification
 * time for late refunds; the first poll of a source reads every order), ingests them through
 * {@link OrderIngest} and only then moves the cursor, so a crash or a failure in the middle repeats work
 * but never skips an order: a poll cut short keeps the old cursor. The cursor never moves past the store
 * clock's "now", whatever modification times the platform reports.
 *
 * <p>The cursor lives in the hub store ({@code poll_cursors}), so it survives restarts and is shared by hub
 * instances. The order snapshots a poller has already ingested are remembered in memory, per source, so
 * orders read again in the rescan overlap and unchanged in every field are not written again; after a
 * restart they are ingested once more, which changes nothing ({@link OrderIngest} records each order state
 * once). Thread-safe; poll one source from one thread at a time.
 */
public final class OrderPoller {
    private final HubStore store;
    private final OrderIngest ingest;
    private final Duration rescanWindow;
    private final ObjectMapper json = PatternHubJson.newMapper();
    /** Per source: the snapshot last ingested of each recent order. */
    private final Map<String, OrderPollState> ingested = new ConcurrentHashMap<>();

    /**
     * A poller.
     *
     * @param store        the hub store holding the cursors
     * @param ingest       where orders go
     * @param rescanWindow how far before the cursor to look again (e.g. 3 days)
     * @throws ConfigurationException if the rescan window is negative or null
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
     * @throws InvalidRequestException if the source name is blank
     */
    public PollResult poll(String source, Storefront storefront) {
        requireSource(source);
        Objects.requireNonNull(storefront, "storefront");
        Optional<Instant> saved = cursor(source);
        // One "now" for the whole poll, as the store's clock tells it: the cursor never moves past it.
        Instant now = store.clock().instant();
        MemoryState state = new MemoryState(new OrderPollState(saved,
                ingested.getOrDefault(source, OrderPollState.initial()).emitted()));
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger changed = new AtomicInteger();
        PolledOrderEvents feed = PolledOrderEvents.builder(storefront.platform(),
                        (from, window) -> read(storefront, saved.isPresent() ? from : null, window)
                                .peek(o -> seen.incrementAndGet()))
                .stateStore(state)
                .rescanWindow(rescanWindow)
                .initialLookback(Duration.between(Instant.EPOCH, now)) // the first poll starts at the epoch
                .clock(Clock.fixed(now, store.clock().getZone()))
                .fingerprint(this::snapshotFingerprint)
                .build();
        try {
            feed.poll(event -> {
                Order order = event.order().orElseThrow();
                OrderIngest.Outcome outcome = ingest.ingest(order, pollEventId(order, event.occurredAt()));
                if (outcome == OrderIngest.Outcome.CREATED || outcome == OrderIngest.Outcome.STATUS_CHANGED) {
                    changed.incrementAndGet();
                }
            });
        } finally {
            // what was ingested stays ingested, however the poll ended; the cursor only moves below
            ingested.put(source, new OrderPollState(Optional.empty(), state.get().emitted()));
        }
        // The engine starts a first poll's cursor at the epoch: no order seen leaves it unset, as it was.
        Optional<Instant> cursor = state.get().cursor().filter(c -> saved.isPresent() || c.isAfter(Instant.EPOCH));
        store.inTransaction(tx -> saveCursor(tx, source, cursor.orElse(null)));
        ingest.dispatchAll();
        return new PollResult(seen.get(), changed.get(), cursor);
    }

    /**
     * The persisted cursor of a source.
     *
     * @param source the source name
     * @return the modification time the next poll starts from (before the rescan window)
     * @throws InvalidRequestException if the source name is blank
     */
    public Optional<Instant> cursor(String source) {
        requireSource(source);
        return store.inTransaction(tx -> tx.queryOne("SELECT updated_since FROM poll_cursors WHERE source = ?",
                rs -> Optional.ofNullable(Tx.instant(rs, "updated_since")), source)).flatMap(o -> o);
    }

    /** Orders modified since {@code from} less the window; every order when {@code from} is null (first poll). */
    private static Stream<Order> read(Storefront storefront, Instant from, Duration window) {
        ImmutableOrderQuery.Builder query = OrderQuery.builder().rescanWindow(window);
        if (from != null) {
            query.updatedSince(from);
        }
        return storefront.orders(query.build());
    }

    /**
     * Everything the hub stores of an order, hashed: a snapshot differing in any field (a payout reference,
     * an adjusted fee) is ingested again, not only a new status or refund.
     */
    private String snapshotFingerprint(Order order) {
        try {
            return EventIds.of(order.platform(), "snapshot", json.writeValueAsString(order));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize order " + order.externalId(), e);
        }
    }

    /** The event id the poller has always recorded with a change (the CLI's {@code pull --since} uses it too). */
    private static String pollEventId(Order order, Instant modified) {
        return EventIds.of(order.platform(), "poll", order.externalId(), order.status().name(), modified.toString());
    }

    private static void requireSource(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidRequestException("A poll source name is required (one per storefront connection), was '"
                    + source + "'", ErrorContext.empty());
        }
    }

    private static Void saveCursor(Tx tx, String source, Instant updatedSince) throws SQLException {
        int n = tx.update("UPDATE poll_cursors SET updated_since = ?, polled_at = ? WHERE source = ?",
                updatedSince, tx.now(), source);
        if (n == 0) {
            tx.update("INSERT INTO poll_cursors (source, updated_since, polled_at) VALUES (?, ?, ?)",
                    source, updatedSince, tx.now());
        }
        return null;
    }

    /** The engine's state for one poll; the cursor is persisted by the poller itself, once the poll completes. */
    private static final class MemoryState implements OrderPollStateStore {
        private final AtomicReference<OrderPollState> state;

        MemoryState(OrderPollState initial) {
            this.state = new AtomicReference<>(initial);
        }

        OrderPollState get() {
            return state.get();
        }

        @Override
        public OrderPollState load() {
            return state.get();
        }

        @Override
        public void save(OrderPollState next) {
            state.set(Objects.requireNonNull(next, "next"));
        }
    }
}
