package io.patternhub.hub.ingest;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pulls a storefront's payouts into {@link Payouts} from a persisted cursor, like {@link OrderPoller}
 * does for orders. Each poll asks for payouts since the cursor minus a rescan window (so a payout still
 * pending or in transit last time is read again), stores them, and only then moves the cursor to the end
 * of the newest payout seen.
 *
 * <p>A payout already stored as settled ({@link PayoutStatus#PAID}, {@code FAILED} or {@code CANCELLED})
 * is final and not rewritten: a platform that builds payouts from a time window of its ledger (Etsy)
 * sees only the tail of a payout that began before the window, and that tail must not replace the whole.
 * Storefronts whose capabilities lack {@link Capability#PAYOUTS} are skipped, not failed. Thread-safe;
 * poll one source from one thread at a time.
 */
public final class PayoutPoller {
    private static final Set<PayoutStatus> FINAL = EnumSet.of(PayoutStatus.PAID, PayoutStatus.FAILED,
            PayoutStatus.CANCELLED);

    private final HubStore store;
    private final Payouts payouts;
    private final Duration rescanWindow;
    private final Instant firstStart;

    /**
     * A poller.
     *
     * @param store        the hub store holding the cursors and payouts
     * @param rescanWindow how far before the cursor to look again (e.g. 7 days)
     * @param firstStart   where the first poll of a source starts (platforms such as Etsy need a start)
     */
    public PayoutPoller(HubStore store, Duration rescanWindow, Instant firstStart) {
        this.store = Objects.requireNonNull(store, "store");
        this.payouts = new Payouts(store);
        if (rescanWindow == null || rescanWindow.isNegative()) {
            throw new ConfigurationException("rescanWindow must be zero or positive, was " + rescanWindow,
                    ErrorContext.empty());
        }
        this.rescanWindow = rescanWindow;
        this.firstStart = Objects.requireNonNull(firstStart, "firstStart");
    }

    /**
     * What one poll did.
     *
     * @param skipped true when the storefront reports no payouts (nothing was asked)
     * @param seen    payouts the storefront returned
     * @param changed payouts that were new or changed
     * @param cursor  the cursor after the poll
     */
    public record PollResult(boolean skipped, int seen, int changed, Optional<Instant> cursor) {
    }

    /**
     * Polls once.
     *
     * @param source     the cursor's name, one per storefront connection
     * @param storefront the storefront
     * @return what was seen
     */
    public PollResult poll(String source, Storefront storefront) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(storefront, "storefront");
        Optional<Instant> cursor = cursor(source);
        if (!storefront.capabilities().supports(Capability.PAYOUTS)) {
            return new PollResult(true, 0, 0, cursor);
        }
        Instant since = cursor.map(c -> c.minus(rescanWindow)).orElse(firstStart);
        Read read = read(storefront, since, cursor.orElse(null));
        store.inTransaction(tx -> saveCursor(tx, source, read.newest));
        return new PollResult(false, read.seen, read.changed, Optional.ofNullable(read.newest));
    }

    /**
     * Reads the payouts since a time without using or moving any cursor (e.g. to backfill a range).
     *
     * @param storefront the storefront
     * @param since      payouts created at or after this time
     * @return what was seen; the cursor is the end of the newest payout seen
     */
    public PollResult pull(Storefront storefront, Instant since) {
        Objects.requireNonNull(storefront, "storefront");
        Objects.requireNonNull(since, "since");
        if (!storefront.capabilities().supports(Capability.PAYOUTS)) {
            return new PollResult(true, 0, 0, Optional.empty());
        }
        Read read = read(storefront, since, null);
        return new PollResult(false, read.seen, read.changed, Optional.ofNullable(read.newest));
    }

    private Read read(Storefront storefront, Instant since, Instant cursor) {
        int seen = 0;
        int changed = 0;
        Instant newest = cursor;
        try (Stream<Payout> stream = storefront.payouts(PayoutQuery.builder().since(since).build())) {
            for (Payout payout : (Iterable<Payout>) stream::iterator) {
                seen++;
                if (store(payout)) {
                    changed++;
                }
                Optional<Instant> end = end(payout);
                if (end.isPresent() && (newest == null || end.get().isAfter(newest))) {
                    newest = end.get();
                }
            }
        }
        return new Read(seen, changed, newest);
    }

    private record Read(int seen, int changed, Instant newest) {
    }

    /**
     * The persisted cursor of a source.
     *
     * @param source the source name
     * @return the end of the newest payout seen (the next poll starts there, less the rescan window)
     */
    public Optional<Instant> cursor(String source) {
        return store.inTransaction(tx -> tx.queryOne("SELECT since FROM payout_cursors WHERE source = ?",
                rs -> Optional.ofNullable(Tx.instant(rs, "since")), source)).flatMap(o -> o);
    }

    /** Stores a payout unless a settled version is already stored; true if something changed. */
    private boolean store(Payout payout) {
        return store.inTransaction(tx -> {
            Optional<String> status = tx.queryOne("SELECT status FROM payouts WHERE platform = ? AND external_id = ?",
                    rs -> rs.getString(1), payout.platform(), payout.externalId());
            if (status.isPresent() && FINAL.contains(PayoutStatus.valueOf(status.get()))) {
                return false;
            }
            // with the fees the storefront itemized as the payout's own (Etsy listing fees, ads)
            return payouts.upsert(tx, payout, payout.payoutFees()) != Payouts.Outcome.UNCHANGED;
        });
    }

    /** When a payout's period ends: its period end, else its arrival day, else its period start. */
    private static Optional<Instant> end(Payout payout) {
        return payout.periodEnd()
                .or(() -> payout.arrivalDate().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .or(payout::periodStart);
    }

    private static Void saveCursor(Tx tx, String source, Instant since) throws SQLException {
        int n = tx.update("UPDATE payout_cursors SET since = ?, polled_at = ? WHERE source = ?", since, tx.now(), source);
        if (n == 0) {
            tx.update("INSERT INTO payout_cursors (source, since, polled_at) VALUES (?, ?, ?)", source, since, tx.now());
        }
        return null;
    }
}
