package io.patternhub.hub.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.hub.access.HubEvent;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Announces new file versions once the sync has pushed them: a pattern whose current files include a
 * version that replaced an earlier one, and which has nothing left pending in the sync outbox, gets
 * one {@code pattern.updated} hub event (through the {@link HubEventPublisher}, e.g. signed callbacks)
 * and one email per past buyer (through {@link BuyerNotifications}). Both are recorded in the store,
 * so calling this again, or from another hub instance, sends nothing twice. Thread-safe.
 */
public final class NewVersionAnnouncer {
    private static final String EVENT_KIND = "HUB_EVENT";

    private final HubStore store;
    private final BuyerNotifications notifications;
    private final HubEventPublisher events;

    /**
     * What was announced for one pattern version.
     *
     * @param sku          the pattern
     * @param version      its new version
     * @param eventSent    whether the {@code pattern.updated} event was published now (false: earlier)
     * @param announcement the buyer emails
     */
    public record AnnouncedVersion(String sku, String version, boolean eventSent, Announcement announcement) {
    }

    /**
     * @param store         the hub store
     * @param notifications the buyer emails
     * @param events        where {@code pattern.updated} goes ({@link HubEventPublisher#NONE} for nowhere)
     */
    public NewVersionAnnouncer(HubStore store, BuyerNotifications notifications, HubEventPublisher events) {
        this.store = Objects.requireNonNull(store, "store");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.events = Objects.requireNonNull(events, "events");
    }

    private record Due(String sku, String title, String version, String changeNotes, Instant releasedAt) {
    }

    /**
     * Announces every new version the sync has finished pushing.
     *
     * @return one entry per pattern version looked at (already announced versions show zero sent)
     */
    public List<AnnouncedVersion> announceSynced() {
        List<AnnouncedVersion> out = new ArrayList<>();
        for (Due due : store.inTransaction(NewVersionAnnouncer::due)) {
            boolean eventSent = publishOnce(due);
            Announcement a = notifications.announceNewVersion(due.sku(), due.version(), due.changeNotes(), due.releasedAt());
            out.add(new AnnouncedVersion(due.sku(), due.version(), eventSent, a));
        }
        return out;
    }

    /** Patterns whose current files include a replacement version and whose sync is finished everywhere. */
    private static List<Due> due(Tx tx) throws java.sql.SQLException {
        return tx.query("SELECT p.sku, p.title, p.version, p.change_notes, MAX(fv.created_at) AS released"
                + " FROM patterns p"
                + " JOIN pattern_files pf ON pf.sku = p.sku"
                + " JOIN file_versions fv ON fv.sku = pf.sku AND fv.name = pf.name AND fv.sha256 = pf.sha256"
                + " WHERE p.active = 1"
                + " AND EXISTS (SELECT 1 FROM file_versions old WHERE old.sku = fv.sku AND old.name = fv.name"
                + " AND old.id < fv.id)"
                + " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.sku = p.sku AND o.status = 'PENDING')"
                + " GROUP BY p.sku, p.title, p.version, p.change_notes ORDER BY p.sku",
                rs -> new Due(rs.getString("sku"), rs.getString("title"), rs.getString("version"),
                        rs.getString("change_notes"), Tx.instant(rs, "released")));
    }

    private boolean publishOnce(Due due) {
        String key = "event:" + HubEvent.PATTERN_UPDATED + ":" + due.sku() + ":" + due.version();
        boolean claimed = store.inTransaction(tx -> tx.update("INSERT INTO notifications_sent (notification_key, kind,"
                + " state, created_at) VALUES (?,?,?,?) ON CONFLICT (notification_key) DO NOTHING",
                key, EVENT_KIND, "SENDING", tx.now()) == 1);
        if (!claimed) {
            return false;
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("sku", due.sku()).put("title", due.title())
                .put("version", due.version());
        if (due.changeNotes() != null) {
            data.put("change_notes", due.changeNotes());
        }
        try {
            events.publish(new HubEvent("pattern_updated-" + digest(key), HubEvent.PATTERN_UPDATED,
                    store.clock().instant(), data));
        } catch (RuntimeException e) {
            store.inTransaction(tx -> tx.update("DELETE FROM notifications_sent WHERE notification_key = ?"
                    + " AND state = 'SENDING'", key));
            throw e;
        }
        store.inTransaction(tx -> tx.update("UPDATE notifications_sent SET state = 'SENT', sent_at = ?"
                + " WHERE notification_key = ?", tx.now(), key));
        return true;
    }

    /** A stable event id (so receivers deduplicate retries) from any SKU and version text. */
    private static String digest(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
