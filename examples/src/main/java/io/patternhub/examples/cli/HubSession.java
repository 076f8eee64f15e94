package io.patternhub.examples.cli;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.config.Settings;
import io.patternhub.examples.cli.connect.HubTokenStore;
import io.patternhub.hub.access.BuyerAccess;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.access.StoreFileCatalog;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.SmtpNotifier;
import io.patternhub.hub.store.HubStore;
import io.patternhub.examples.cli.config.BaseUrls;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The hub a command works on: the store named by {@code PATTERNHUB_DB} (a JDBC URL, or a SQLite file
 * path; default {@code ./patternhub.db}), its encrypted token store, and buyer notifications when mail
 * is configured ({@code PATTERNHUB_SMTP_*}).
 */
public final class HubSession implements AutoCloseable {
    /** The default database file. */
    public static final String DEFAULT_DB = "patternhub.db";

    private final Settings settings;
    private final HubStore store;
    private HubTokenStore tokens;

    private HubSession(Settings settings, HubStore store) {
        this.settings = settings;
        this.store = store;
    }

    /**
     * Opens the configured store.
     *
     * @param ctx      the command's context
     * @param settings the settings
     * @return the session
     */
    public static HubSession open(CliContext ctx, Settings settings) {
        String db = settings.get("PATTERNHUB_DB").orElse(DEFAULT_DB);
        HubStore store;
        if (db.startsWith("jdbc:")) {
            store = HubStore.open(db);
        } else {
            Path file = ctx.resolve(db);
            if (file.getParent() != null && !java.nio.file.Files.isDirectory(file.getParent())) {
                throw new ConfigurationException("PATTERNHUB_DB names " + file + ", but its folder does not exist;"
                        + " create it or point PATTERNHUB_DB elsewhere", ErrorContext.empty());
            }
            store = HubStore.openSqlite(file);
        }
        return new HubSession(settings, store);
    }

    /** @return the store */
    public HubStore store() {
        return store;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /**
     * The token store, keyed by {@code PATTERNHUB_SECRET_KEY}.
     *
     * @return the store
     * @throws ConfigurationException if the key is not set
     */
    public synchronized HubTokenStore tokenStore() {
        if (tokens == null) {
            String key = settings.require("PATTERNHUB_SECRET_KEY",
                    "it encrypts the OAuth tokens the hub stores (32 random bytes in Base64: openssl rand -base64 32)");
            tokens = new HubTokenStore(store, HubTokenStore.decodeKey(key));
        }
        return tokens;
    }

    /**
     * Buyer notifications, when {@code PATTERNHUB_SMTP_HOST} is set.
     *
     * @return the notifications, or empty when mail is not configured
     */
    public Optional<BuyerNotifications> notifications() {
        Optional<String> host = settings.get("PATTERNHUB_SMTP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String from = settings.require("PATTERNHUB_SMTP_FROM", "buyer emails need a sender address");
        int port = settings.getLong("PATTERNHUB_SMTP_PORT").orElse(587L).intValue();
        SmtpNotifier.Builder smtp = SmtpNotifier.builder().host(host.get()).port(port)
                .startTls(Boolean.parseBoolean(settings.get("PATTERNHUB_SMTP_STARTTLS")
                        .orElse(String.valueOf(!BaseUrls.isLoopback(host.get())))))
                .from(from, settings.get("PATTERNHUB_SHOP_NAME").orElse(from));
        settings.get("PATTERNHUB_SMTP_USERNAME").ifPresent(u -> smtp.credentials(u,
                settings.require("PATTERNHUB_SMTP_PASSWORD", "the SMTP user needs a password")));
        DownloadLinks links = downloadLinks().orElseThrow(() -> new ConfigurationException(
                "PATTERNHUB_DOWNLOAD_BASE_URL is not set; download links in buyer emails point there"
                + " (e.g. https://patterns.example.com/download/, served by 'patternhub serve')", ErrorContext.empty()));
        return Optional.of(BuyerNotifications.builder(store).notifier(smtp.build()).links(links)
                .catalog(new StoreFileCatalog(store)).shopName(settings.get("PATTERNHUB_SHOP_NAME").orElse("PatternHub"))
                .build());
    }

    /**
     * The buyers' download links, when {@code PATTERNHUB_DOWNLOAD_BASE_URL} is set; signed with a key
     * derived from {@code PATTERNHUB_SECRET_KEY}.
     *
     * @return the links, or empty when no download base URL is configured
     */
    public Optional<DownloadLinks> downloadLinks() {
        return settings.get("PATTERNHUB_DOWNLOAD_BASE_URL")
                .map(base -> DownloadLinks.builder(store).secret(linkKey()).baseUrl(base).build());
    }

    /**
     * The order ingest; with mail configured, {@link BuyerAccess} grants files and emails links.
     *
     * @return the ingest
     */
    public OrderIngest ingest() {
        OrderIngest.Builder b = OrderIngest.builder(store);
        notifications().ifPresent(n -> b.handler(new BuyerAccess(store, n, Provisioner.NONE, HubEventPublisher.NONE)));
        return b.build();
    }

    /** The download-link signing key, derived from the secret key so there is one secret to keep. */
    private byte[] linkKey() {
        byte[] key = HubTokenStore.decodeKey(settings.require("PATTERNHUB_SECRET_KEY",
                "download links are signed with a key derived from it"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal("patternhub download links".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
