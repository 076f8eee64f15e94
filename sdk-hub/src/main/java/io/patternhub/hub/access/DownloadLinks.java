package io.patternhub.hub.access;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.hub.access.DownloadLinkException.Reason;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Tx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies expiring, count-limited download links.
 *
 * <p>A link is {@code <baseUrl>/<token>} with token {@code <linkId>.<expiresEpochSeconds>.<maxDownloads>.<signature>},
 * the signature an HMAC-SHA256 (key held only by the hub) over the other three parts: anyone changing
 * the expiry or the limit breaks it. The download count is kept in the store and incremented
 * atomically, so two concurrent downloads cannot both take the last one, and several hub instances
 * share the count. Thread-safe.
 *
 * <pre>{@code
 * DownloadLinks links = DownloadLinks.builder(store)
 *         .secret(thirtyTwoRandomBytes).baseUrl("https://patterns.example.com/download/")
 *         .defaultValidity(Duration.ofDays(7)).defaultMaxDownloads(5).build();
 * Download d = links.verify(tokenFromRequest);     // throws DownloadLinkException
 * }</pre>
 */
public final class DownloadLinks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String ALGORITHM = "HmacSHA256";

    private final HubStore store;
    private final SecretKeySpec key;
    private final String baseUrl;
    private final Duration defaultValidity;
    private final int defaultMaxDownloads;
    private final SecureRandom random = new SecureRandom();

    private DownloadLinks(Builder b) {
        this.store = b.store;
        this.key = new SecretKeySpec(b.secret, ALGORITHM);
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl : b.baseUrl + "/";
        this.defaultValidity = b.defaultValidity;
        this.defaultMaxDownloads = b.defaultMaxDownloads;
    }

    /**
     * Starts a link service over a store.
     *
     * @param store the hub store (holds the counts; its clock decides expiry)
     * @return the builder
     */
    public static Builder builder(HubStore store) {
        return new Builder(store);
    }

    /**
     * A link with the default validity and download limit.
     *
     * @param entitlementId the entitlement
     * @param fileName      the file
     * @param fileVersion   the file version, or {@code null}
     * @return the link
     */
    public DownloadLink sign(String entitlementId, String fileName, String fileVersion) {
        return sign(entitlementId, fileName, fileVersion, defaultValidity, defaultMaxDownloads);
    }

    /**
     * A link for one file of an active entitlement.
     *
     * @param entitlementId the entitlement
     * @param fileName      the file
     * @param fileVersion   the file version, or {@code null}
     * @param validFor      how long it works
     * @param maxDownloads  how many downloads it allows
     * @return the link
     * @throws NotFoundException if there is no such entitlement
     * @throws InvalidRequestException if the entitlement is revoked or the limits are not positive
     */
    public DownloadLink sign(String entitlementId, String fileName, String fileVersion, Duration validFor, int maxDownloads) {
        return store.inTransaction(tx -> sign(tx, entitlementId, fileName, fileVersion, validFor, maxDownloads));
    }

    /**
     * Like {@link #sign(String, String, String, Duration, int)}, inside the caller's transaction.
     *
     * @param tx            the transaction
     * @param entitlementId the entitlement
     * @param fileName      the file
     * @param fileVersion   the file version, or {@code null}
     * @param validFor      how long it works
     * @param maxDownloads  how many downloads it allows
     * @return the link
     * @throws java.sql.SQLException if the database fails
     */
    public DownloadLink sign(Tx tx, String entitlementId, String fileName, String fileVersion, Duration validFor,
                             int maxDownloads) throws java.sql.SQLException {
        if (validFor == null || validFor.isNegative() || validFor.isZero()) {
            throw new InvalidRequestException("A download link must be valid for a positive time, was " + validFor,
                    ErrorContext.empty());
        }
        if (maxDownloads < 1) {
            throw new InvalidRequestException("A download link must allow at least one download, was " + maxDownloads,
                    ErrorContext.empty());
        }
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidRequestException("A download link needs a file name", ErrorContext.empty());
        }
        Entitlement e = Entitlements.get(tx, entitlementId).orElseThrow(() -> new NotFoundException(
                "No entitlement " + entitlementId + "; links are made for entitlements of paid orders", ErrorContext.empty()));
        if (!e.active()) {
            throw new InvalidRequestException("Entitlement " + entitlementId + " was revoked (" + e.revokeReason().orElse("")
                    + "); no new links can be made for it", ErrorContext.empty());
        }
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = B64.encodeToString(idBytes);
        Instant now = tx.now();
        long expires = now.plus(validFor).getEpochSecond();
        tx.update("INSERT INTO download_links (id, entitlement_id, file_name, file_version, expires_at, max_downloads,"
                + " downloads, created_at) VALUES (?,?,?,?,?,?,0,?)", id, entitlementId, fileName, fileVersion,
                Instant.ofEpochSecond(expires), maxDownloads, now);
        String unsigned = id + "." + expires + "." + maxDownloads;
        String token = unsigned + "." + B64.encodeToString(mac(unsigned));
        return new DownloadLink(id, URI.create(baseUrl + token), token, entitlementId, fileName,
                Instant.ofEpochSecond(expires), maxDownloads);
    }

    /**
     * Checks a link and counts one download.
     *
     * @param tokenOrUrl the token, or the whole link URL
     * @return what to serve
     * @throws DownloadLinkException if the link is tampered, expired, used up or revoked
     */
    public Download verify(String tokenOrUrl) {
        return check(tokenOrUrl, true);
    }

    /**
     * Checks a link like {@link #verify} but counts nothing: for a {@code HEAD} request or a
     * conditional request the client already has the file for.
     *
     * @param tokenOrUrl the token, or the whole link URL
     * @return what the link would serve; {@link Download#downloadsUsed()} is the count so far
     * @throws DownloadLinkException if the link is tampered, expired, used up or revoked
     */
    public Download check(String tokenOrUrl) {
        return check(tokenOrUrl, false);
    }

    /**
     * Gives back a download {@link #verify} counted but the hub could not deliver (the client went away
     * mid-file, or the file could not be read), so a failed transfer does not use up the buyer's link.
     *
     * @param download what {@link #verify} returned
     */
    public void release(Download download) {
        Objects.requireNonNull(download, "download");
        store.inTransaction(tx -> tx.update("UPDATE download_links SET downloads = downloads - 1 WHERE id = ?"
                + " AND downloads > 0", download.linkId()));
    }

    private Download check(String tokenOrUrl, boolean count) {
        Parsed p = parse(tokenOrUrl);
        if (!store.clock().instant().isBefore(Instant.ofEpochSecond(p.expires))) {
            throw new DownloadLinkException(Reason.EXPIRED, "This download link expired at "
                    + Instant.ofEpochSecond(p.expires) + "; ask the shop for a fresh link");
        }
        return store.inTransaction(tx -> {
            Optional<Row> row = tx.queryOne("SELECT l.entitlement_id, l.file_name, l.file_version, l.max_downloads,"
                    + " l.downloads, l.expires_at, e.sku, e.revoked_at FROM download_links l JOIN entitlements e"
                    + " ON e.id = l.entitlement_id WHERE l.id = ?", rs -> new Row(rs.getString("entitlement_id"),
                    rs.getString("file_name"), rs.getString("file_version"), rs.getInt("max_downloads"),
                    Tx.instant(rs, "expires_at"), rs.getString("sku"), Tx.instant(rs, "revoked_at") != null), p.id);
            if (row.isEmpty()) {
                throw new DownloadLinkException(Reason.REVOKED, "This download link no longer exists; ask the shop for a fresh link");
            }
            Row r = row.get();
            if (r.max != p.max || r.expiresAt.getEpochSecond() != p.expires) {
                throw new DownloadLinkException(Reason.TAMPERED, "This download link does not match what the hub issued");
            }
            if (r.revoked) {
                throw new DownloadLinkException(Reason.REVOKED, "Access to this pattern was revoked (refund or cancellation)");
            }
            int n = count ? tx.update("UPDATE download_links SET downloads = downloads + 1, last_download_at = ?"
                    + " WHERE id = ? AND downloads < max_downloads", tx.now(), p.id)
                    : tx.queryOne("SELECT COUNT(*) FROM download_links WHERE id = ? AND downloads < max_downloads",
                            rs -> rs.getInt(1), p.id).orElse(0);
            if (n == 0) {
                throw new DownloadLinkException(Reason.DOWNLOAD_LIMIT_REACHED, "This download link has been used "
                        + r.max + " times, its limit; ask the shop for a fresh link");
            }
            int used = tx.queryOne("SELECT downloads FROM download_links WHERE id = ?", rs -> rs.getInt(1), p.id).orElseThrow();
            return new Download(p.id, r.entitlementId, r.sku, r.fileName, r.fileVersion, used, r.max);
        });
    }

    private Parsed parse(String tokenOrUrl) {
        if (tokenOrUrl == null) {
            throw tampered();
        }
        String token = tokenOrUrl.substring(tokenOrUrl.lastIndexOf('/') + 1);
        int q = token.indexOf('?');
        if (q >= 0) {
            token = token.substring(0, q);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            throw tampered();
        }
        String unsigned = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw tampered();
        }
        if (!MessageDigest.isEqual(mac(unsigned), given)) {
            throw tampered();
        }
        try {
            return new Parsed(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw tampered();
        }
    }

    private static DownloadLinkException tampered() {
        return new DownloadLinkException(Reason.TAMPERED, "This download link is malformed or its signature does not match;"
                + " it was altered or not issued by this shop");
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("v1." + text).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private record Parsed(String id, long expires, int max) {
    }

    private record Row(String entitlementId, String fileName, String fileVersion, int max, Instant expiresAt, String sku,
                       boolean revoked) {
    }

    /** Configures {@link DownloadLinks}. */
    public static final class Builder {
        private final HubStore store;
        private byte[] secret;
        private String baseUrl;
        private Duration defaultValidity = Duration.ofDays(7);
        private int defaultMaxDownloads = 5;

        private Builder(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The signing key: at least 32 random bytes, kept secret and the same on every hub instance.
         *
         * @param secret the key
         * @return this builder
         */
        public Builder secret(byte[] secret) {
            if (secret == null || secret.length < 32) {
                throw new ConfigurationException("The download link secret must be at least 32 bytes", ErrorContext.empty());
            }
            this.secret = secret.clone();
            return this;
        }

        /**
         * Where the hub serves downloads; the token is appended.
         *
         * @param baseUrl e.g. {@code https://patterns.example.com/download/}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new ConfigurationException("The download base URL must be http(s), was " + baseUrl, ErrorContext.empty());
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * How long links work unless told otherwise (7 days).
         *
         * @param validity the validity
         * @return this builder
         */
        public Builder defaultValidity(Duration validity) {
            if (validity == null || validity.isNegative() || validity.isZero()) {
                throw new ConfigurationException("The default link validity must be positive", ErrorContext.empty());
            }
            this.defaultValidity = validity;
            return this;
        }

        /**
         * How many downloads links allow unless told otherwise (5).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder defaultMaxDownloads(int max) {
            if (max < 1) {
                throw new ConfigurationException("The default download limit must be at least 1", ErrorContext.empty());
            }
            this.defaultMaxDownloads = max;
            return this;
        }

        /** Builds the service. */
        public DownloadLinks build() {
            if (secret == null) {
                throw new ConfigurationException("DownloadLinks needs secret(...)", ErrorContext.empty());
            }
            if (baseUrl == null) {
                throw new ConfigurationException("DownloadLinks needs baseUrl(...)", ErrorContext.empty());
            }
            return new DownloadLinks(this);
        }
    }
}
