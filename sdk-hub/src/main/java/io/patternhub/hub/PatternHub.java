package io.patternhub.hub;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.NewVersionAnnouncer;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncProgressListener;
import io.patternhub.hub.sync.SyncTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hub in one object: its store, its master catalog and the sync to every storefront.
 *
 * <pre>{@code
 * try (PatternHub hub = PatternHub.builder().sqliteFile(Path.of("hub.db"))
 *         .target(SyncTarget.builder("etsy-main", etsy).currency("USD").build())
 *         .build()) {
 *     hub.catalog().importFolder(Path.of("catalog"), true);
 *     hub.sync().apply();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it closes the store it opened (a store passed in is left open).
 */
public final class PatternHub implements AutoCloseable {
    private final HubStore store;
    private final boolean ownsStore;
    private final Catalog catalog;
    private final CatalogSync sync;
    private final NewVersionAnnouncer announcer;

    private PatternHub(Builder b) {
        if ((b.store == null) == (b.sqliteFile == null)) {
            throw new ConfigurationException("set exactly one of store(HubStore) or sqliteFile(Path)", ErrorContext.empty());
        }
        if (b.targets.isEmpty()) {
            throw new ConfigurationException("add at least one sync target", ErrorContext.empty());
        }
        this.ownsStore = b.store == null;
        this.store = ownsStore ? HubStore.openSqlite(b.sqliteFile) : b.store;
        this.catalog = new Catalog(store);
        CatalogSync.Builder sb = CatalogSync.builder(store).listener(b.listener);
        b.targets.forEach(sb::target);
        if (b.sourceOfTruth != null) {
            sb.sourceOfTruth(b.sourceOfTruth);
        }
        this.sync = sb.build();
        this.announcer = b.notifications == null ? null : new NewVersionAnnouncer(store, b.notifications, b.events);
    }

    public static Builder builder() {
        return new Builder();
    }

    public HubStore store() {
        return store;
    }

    public Catalog catalog() {
        return catalog;
    }

    public CatalogSync sync() {
        return sync;
    }

    /**
     * Syncs the catalog to every storefront, then announces each new file version the sync has
     * finished pushing everywhere: one {@code pattern.updated} hub event and one email (with fresh
     * links) per past buyer. A version whose push is still pending (a storefront was down) is announced
     * by a later call once it has gone through; nothing is announced twice.
     *
     * @return the sync report and what was announced
     * @throws ConfigurationException if the hub was built without {@code announcements(...)}
     */
    public PublishReport syncAndAnnounce() {
        if (announcer == null) {
            throw new ConfigurationException("syncAndAnnounce needs announcements(BuyerNotifications, HubEventPublisher)"
                    + " on the PatternHub builder", ErrorContext.empty());
        }
        var report = sync.apply();
        return new PublishReport(report, announcer.announceSynced());
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }

    /** Configures a {@link PatternHub}. */
    public static final class Builder {
        private HubStore store;
        private Path sqliteFile;
        private final List<SyncTarget> targets = new ArrayList<>();
        private String sourceOfTruth;
        private SyncProgressListener listener = SyncProgressListener.NONE;
        private BuyerNotifications notifications;
        private HubEventPublisher events = HubEventPublisher.NONE;

        private Builder() {
        }

        /**
         * @param store an open store (SQLite or PostgreSQL)
         * @return this builder
         */
        public Builder store(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param file the embedded SQLite store's file, opened (and closed) by the hub
         * @return this builder
         */
        public Builder sqliteFile(Path file) {
            this.sqliteFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param target a storefront to sync the catalog to
         * @return this builder
         */
        public Builder target(SyncTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * @param storefrontId a target whose catalog is the source of truth (default: the hub's own)
         * @return this builder
         */
        public Builder sourceOfTruth(String storefrontId) {
            this.sourceOfTruth = storefrontId;
            return this;
        }

        /**
         * @param listener sync progress
         * @return this builder
         */
        public Builder listener(SyncProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Enables {@link PatternHub#syncAndAnnounce()}.
         *
         * @param notifications buyer emails
         * @param events        where {@code pattern.updated} events go, e.g. {@code SignedCallbacks}
         * @return this builder
         */
        public Builder announcements(BuyerNotifications notifications, HubEventPublisher events) {
            this.notifications = Objects.requireNonNull(notifications, "notifications");
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        public PatternHub build() {
            return new PatternHub(this);
        }
    }
}
