package io.patternhub.hub.access;

import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.hub.ingest.OrderChangeHandler;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.Notifier;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A wired hub for order/access tests: a fresh store on one vendor, a catalog with patterns, the
 * order ingest with {@link BuyerAccess}, an inbox with a generic signed order webhook source
 * ({@code "site"}), download links and buyer notifications through the given notifier.
 */
public final class AccessFixture implements AutoCloseable {
    public static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    public static final byte[] LINK_KEY = "link-signing-key-of-32-bytes-min!".getBytes(StandardCharsets.US_ASCII);

    public final ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T12:00:00Z"));
    public final HubStore store;
    public final DownloadLinks links;
    public final BuyerNotifications notifications;
    public final OrderIngest ingest;
    public final WebhookInbox inbox;
    public final StandardWebhookSigner signer = StandardWebhookSigner.create(SECRET, clock);

    public AccessFixture(Vendor vendor, Notifier notifier, Provisioner provisioner, HubEventPublisher publisher,
                         OrderChangeHandler... extraHandlers) {
        this(vendor, true, notifier, provisioner, publisher, extraHandlers);
    }

    /** With {@code seedPatterns} false the catalog starts empty (for tests that import a real catalog). */
    public AccessFixture(Vendor vendor, boolean seedPatterns, Notifier notifier, Provisioner provisioner,
                         HubEventPublisher publisher, OrderChangeHandler... extraHandlers) {
        this.store = TestStores.fresh(vendor, clock);
        if (seedPatterns) {
            addPattern("TEE-01", "Tee pattern", "1.0", "tee-a4.pdf", "tee-letter.pdf");
            addPattern("SOCK-02", "Sock pattern", "1.0", "sock.pdf");
        }
        this.links = DownloadLinks.builder(store).secret(LINK_KEY).baseUrl("https://shop.example/d/").build();
        this.notifications = BuyerNotifications.builder(store).notifier(notifier).links(links)
                .catalog(new StoreFileCatalog(store)).shopName("Tilly's Patterns").build();
        OrderIngest.Builder b = OrderIngest.builder(store).retryBackoff(Duration.ofSeconds(1))
                .handler(new BuyerAccess(store, notifications, provisioner, publisher));
        for (OrderChangeHandler h : extraHandlers) {
            b.handler(h);
        }
        this.ingest = b.build();
        this.inbox = WebhookInbox.builder(store, ingest).source("site", new GenericOrderWebhook(SECRET, clock))
                .retryBackoff(Duration.ofSeconds(1)).build();
    }

    /** Adds a pattern with files to the master catalog tables. */
    public void addPattern(String sku, String title, String version, String... files) {
        store.inTransaction(tx -> {
            tx.update("INSERT INTO patterns (sku, title, description, craft, tags_json, prices_json, images_json, version,"
                    + " content_hash, source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    sku, title, "d", "SEWING", "[]", "{}", "[]", version, "h", "HUB", tx.now(), tx.now());
            int pos = 0;
            for (String f : files) {
                tx.update("INSERT INTO pattern_files (sku, name, position, media_type, size_bytes, sha256, file_version,"
                        + " print_format) VALUES (?,?,?,?,?,?,?,?)", sku, f, pos++, "application/pdf", 10, "00", version, "A4");
            }
            return null;
        });
    }

    /** Changes a pattern's version and (re)places one file, as a catalog import would. */
    public void newFileVersion(String sku, String version, String file) {
        store.inTransaction(tx -> {
            tx.update("UPDATE patterns SET version = ? WHERE sku = ?", version, sku);
            tx.update("UPDATE pattern_files SET file_version = ? WHERE sku = ? AND name = ?", version, sku, file);
            return null;
        });
    }

    /** A generic order webhook body. */
    public static String orderJson(String orderId, String status, String updatedAt, String email, String name, String... skus) {
        StringBuilder lines = new StringBuilder();
        for (String sku : skus) {
            if (lines.length() > 0) {
                lines.append(',');
            }
            lines.append("{\"sku\":\"").append(sku).append("\",\"title\":\"").append(sku)
                    .append("\",\"quantity\":1,\"unit_price\":\"6.00\"}");
        }
        String total = String.format(java.util.Locale.ROOT, "%.2f", 6.0 * skus.length);
        return "{\"order_id\":\"" + orderId + "\",\"status\":\"" + status + "\",\"currency\":\"EUR\","
                + "\"created_at\":\"2025-03-01T10:00:00Z\",\"updated_at\":\"" + updatedAt + "\",\"total\":\"" + total + "\","
                + "\"customer\":{\"id\":\"cust-" + email.hashCode() + "\",\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"country\":\"DE\"},"
                + "\"lines\":[" + lines + "]}";
    }

    /** A signed delivery of {@code body} with message id {@code deliveryId}. */
    public WebhookRequest delivery(String deliveryId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return WebhookRequest.of(signer.sign(deliveryId, clock.instant(), bytes), bytes, clock.instant());
    }

    public long count(String sql, Object... args) {
        return store.inTransaction(tx -> tx.queryOne(sql, rs -> rs.getLong(1), args).orElse(0L));
    }

    public List<String> strings(String sql, Object... args) {
        return store.inTransaction(tx -> tx.query(sql, rs -> rs.getString(1), args));
    }

    @Override
    public void close() {
        store.close();
    }
}
