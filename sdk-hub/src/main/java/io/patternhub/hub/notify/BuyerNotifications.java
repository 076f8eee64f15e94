package io.patternhub.hub.notify;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.hub.access.DownloadLink;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.Entitlement;
import io.patternhub.hub.access.Entitlements;
import io.patternhub.hub.access.FileCatalog;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Emails buyers their download links after a purchase and announces new file versions to past buyers,
 * each message at most once: a row in {@code notifications_sent} is claimed (by a unique key) before
 * sending and marked sent after, and released if sending fails so a later attempt can send it. A
 * crash between claim and send leaves the row claimed, so a message may be missed but is never sent
 * twice. Buyers without an email (Etsy shares none with most apps) are counted and skipped.
 * Thread-safe.
 */
public final class BuyerNotifications {
    /** Kind of the purchase email. */
    public static final String KIND_ACCESS = "ACCESS";
    /** Kind of a new-version announcement. */
    public static final String KIND_NEW_VERSION = "NEW_VERSION";

    private final HubStore store;
    private final Notifier notifier;
    private final DownloadLinks links;
    private final FileCatalog catalog;
    private final Entitlements entitlements;
    private final Orders orders;
    private final String shopName;
    private final Duration linkValidity;
    private final int linkMaxDownloads;

    private BuyerNotifications(Builder b) {
        this.store = b.store;
        this.notifier = b.notifier;
        this.links = b.links;
        this.catalog = b.catalog;
        this.entitlements = new Entitlements(store);
        this.orders = new Orders(store);
        this.shopName = b.shopName;
        this.linkValidity = b.linkValidity;
        this.linkMaxDownloads = b.linkMaxDownloads;
    }

    /**
     * Starts the service.
     *
     * @param store the hub store
     * @return the builder
     */
    public static Builder builder(HubStore store) {
        return new Builder(store);
    }

    /**
     * Sends the buyer of a paid order their download links, once per order.
     *
     * @param order        the order
     * @param granted      its active entitlements
     * @return {@code true} if an email was sent now; {@code false} if it was sent before or there is no address
     */
    public boolean sendAccess(OrderRecord order, List<Entitlement> granted) {
        Optional<CustomerRecord> buyer = order.customerId().flatMap(orders::customer);
        Optional<String> email = buyer.flatMap(CustomerRecord::email);
        String key = "access:" + order.id();
        if (email.isEmpty()) {
            claim(key, order.customerId().orElse(null), KIND_ACCESS, "SKIPPED_NO_EMAIL");
            return false;
        }
        if (!claim(key, buyer.get().id(), KIND_ACCESS, "SENDING")) {
            return false;
        }
        StringBuilder text = new StringBuilder();
        text.append("Hello").append(buyer.get().name().map(n -> " " + n).orElse("")).append(",\n\n")
                .append("thank you for your order").append(order.orderNumber().map(n -> " " + n).orElse(""))
                .append(" at ").append(shopName).append(". Your downloads:\n\n");
        try {
            for (Entitlement e : granted) {
                if (e.active()) {
                    appendLinks(text, e);
                }
            }
            text.append("\nEach link works ").append(linkMaxDownloads).append(" times within ").append(linkValidity.toDays())
                    .append(" days.\n");
            notifier.send(Notification.text(email.get(), buyer.get().name().orElse(null),
                    "Your patterns from " + shopName, text.toString()));
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
        markSent(key);
        return true;
    }

    /**
     * Tells every past buyer of a pattern (with access not revoked) that a new version is out, with a
     * fresh link to each current file: one message per buyer and version, however often this is called.
     *
     * @param sku         the pattern
     * @param version     the new version
     * @param changeNotes what changed, for the message
     * @return how many were sent, already sent, or skipped
     */
    public Announcement announceNewVersion(String sku, String version, String changeNotes) {
        return announceNewVersion(sku, version, changeNotes, null);
    }

    /**
     * As {@link #announceNewVersion(String, String, String)}, told only to buyers whose access was
     * granted before the version was released (later buyers got it with their purchase).
     *
     * @param sku         the pattern
     * @param version     the new version
     * @param changeNotes what changed, for the message
     * @param releasedAt  when the version entered the catalog; {@code null} for every buyer
     * @return how many were sent, already sent, or skipped
     */
    public Announcement announceNewVersion(String sku, String version, String changeNotes, Instant releasedAt) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(version, "version");
        Map<String, Entitlement> byBuyer = new LinkedHashMap<>();
        for (Entitlement e : entitlements.activeForSku(sku)) {
            if (releasedAt == null || e.grantedAt().isBefore(releasedAt)) {
                e.customerId().ifPresent(c -> byBuyer.putIfAbsent(c, e));
            }
        }
        String title = catalog.title(sku).orElse(sku);
        int sent = 0;
        int already = 0;
        int noEmail = 0;
        for (Map.Entry<String, Entitlement> entry : byBuyer.entrySet()) {
            Optional<CustomerRecord> buyer = orders.customer(entry.getKey());
            Optional<String> email = buyer.flatMap(CustomerRecord::email);
            if (email.isEmpty()) {
                noEmail++;
                continue;
            }
            String key = "version:" + sku + ":" + version + ":" + entry.getKey();
            if (!claim(key, entry.getKey(), KIND_NEW_VERSION, "SENDING")) {
                already++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            text.append("Hello").append(buyer.get().name().map(n -> " " + n).orElse("")).append(",\n\n")
                    .append("a new version (").append(version).append(") of ").append(title)
                    .append(", which you bought at ").append(shopName).append(", is ready.\n");
            if (changeNotes != null && !changeNotes.isBlank()) {
                text.append("\nWhat changed: ").append(changeNotes).append('\n');
            }
            text.append("\nYour fresh downloads:\n\n");
            try {
                appendLinks(text, entry.getValue());
                notifier.send(Notification.text(email.get(), buyer.get().name().orElse(null),
                        "New version of " + title, text.toString()));
            } catch (RuntimeException e) {
                release(key);
                throw e;
            }
            markSent(key);
            sent++;
        }
        return new Announcement(sent, already, noEmail);
    }

    private void appendLinks(StringBuilder text, Entitlement e) {
        String title = catalog.title(e.sku()).orElse(e.sku());
        List<DownloadLink> made = new ArrayList<>();
        for (FileCatalog.CatalogFile f : catalog.currentFiles(e.sku())) {
            made.add(links.sign(e.id(), f.name(), f.version(), linkValidity, linkMaxDownloads));
        }
        for (DownloadLink link : made) {
            text.append("- ").append(title).append(", ").append(link.fileName()).append(": ").append(link.url()).append('\n');
        }
    }

    private boolean claim(String key, String customerId, String kind, String state) {
        return store.inTransaction(tx -> tx.update("INSERT INTO notifications_sent (notification_key, customer_id, kind,"
                + " state, created_at) VALUES (?,?,?,?,?) ON CONFLICT (notification_key) DO NOTHING",
                key, customerId, kind, state, tx.now()) == 1);
    }

    private void release(String key) {
        store.inTransaction(tx -> tx.update("DELETE FROM notifications_sent WHERE notification_key = ? AND state = 'SENDING'", key));
    }

    private void markSent(String key) {
        store.inTransaction(tx -> tx.update("UPDATE notifications_sent SET state = 'SENT', sent_at = ? WHERE notification_key = ?",
                tx.now(), key));
    }

    /** Configures {@link BuyerNotifications}. */
    public static final class Builder {
        private final HubStore store;
        private Notifier notifier;
        private DownloadLinks links;
        private FileCatalog catalog;
        private String shopName = "our shop";
        private Duration linkValidity = Duration.ofDays(7);
        private int linkMaxDownloads = 5;

        private Builder(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * How messages are sent.
         *
         * @param notifier e.g. an {@link SmtpNotifier}
         * @return this builder
         */
        public Builder notifier(Notifier notifier) {
            this.notifier = Objects.requireNonNull(notifier, "notifier");
            return this;
        }

        /**
         * Makes the links put in messages.
         *
         * @param links the link service
         * @return this builder
         */
        public Builder links(DownloadLinks links) {
            this.links = Objects.requireNonNull(links, "links");
            return this;
        }

        /**
         * Where titles and current files come from.
         *
         * @param catalog e.g. {@link io.patternhub.hub.access.StoreFileCatalog}
         * @return this builder
         */
        public Builder catalog(FileCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * The shop's name in messages.
         *
         * @param shopName the name
         * @return this builder
         */
        public Builder shopName(String shopName) {
            this.shopName = Objects.requireNonNull(shopName, "shopName");
            return this;
        }

        /**
         * Validity and download limit of the links in messages (7 days, 5 downloads).
         *
         * @param validity     how long they work
         * @param maxDownloads how many downloads each allows
         * @return this builder
         */
        public Builder linkLimits(Duration validity, int maxDownloads) {
            this.linkValidity = Objects.requireNonNull(validity, "validity");
            this.linkMaxDownloads = maxDownloads;
            return this;
        }

        /** Builds the service. */
        public BuyerNotifications build() {
            if (notifier == null || links == null || catalog == null) {
                throw new ConfigurationException("BuyerNotifications needs notifier(...), links(...) and catalog(...)",
                        ErrorContext.empty());
            }
            return new BuyerNotifications(this);
        }
    }
}
