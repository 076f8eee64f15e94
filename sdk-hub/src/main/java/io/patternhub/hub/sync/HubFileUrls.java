package io.patternhub.hub.sync;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.PatternFile;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The URLs the hub serves pattern files from, for storefronts that only link to a file
 * ({@link io.patternhub.core.storefront.FileHosting#LINKED_URL}, e.g. WooCommerce). A URL is
 * {@code <baseUrl><sku>/<sha256>/<name>?sig=<hmac>}: it names one exact file version (a new version gets
 * a new URL, so the storefront's link is replaced with it) and is signed, so the hub's file endpoint
 * serves only what it published ({@link #verify}). Thread-safe.
 */
public final class HubFileUrls {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern PATH = Pattern.compile("([^/]+)/([0-9a-f]{64})/([^/?]+)\\?sig=([A-Za-z0-9_-]+)");

    private final String baseUrl;
    private final SecretKeySpec key;

    /** A file a verified URL points at. */
    public record FileRef(String sku, String sha256, String name) {
    }

    private HubFileUrls(String baseUrl, byte[] secret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * @param baseUrl the hub's public file endpoint, an absolute {@code http(s)} URL
     * @param secret  at least 32 bytes, held only by the hub
     * @return the URL signer
     * @throws ConfigurationException if the base URL is not absolute http(s) or the secret is short
     */
    public static HubFileUrls signed(String baseUrl, byte[] secret) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(secret, "secret");
        URI base = URI.create(baseUrl);
        if (!base.isAbsolute() || !("https".equalsIgnoreCase(base.getScheme()) || "http".equalsIgnoreCase(base.getScheme()))
                || base.getQuery() != null) {
            throw new ConfigurationException("hub file base URL must be an absolute http(s) URL without a query: "
                    + baseUrl, ErrorContext.empty());
        }
        if (secret.length < 32) {
            throw new ConfigurationException("hub file URL secret must be at least 32 bytes", ErrorContext.empty());
        }
        return new HubFileUrls(baseUrl, secret.clone());
    }

    /**
     * The URL a storefront links to for one file version.
     *
     * @param sku  the pattern
     * @param file the file (its SHA-256 pins the version)
     * @return the signed URL
     */
    public URI urlFor(String sku, PatternFile file) {
        String path = enc(sku) + "/" + file.sha256() + "/" + enc(file.name());
        return URI.create(baseUrl + path + "?sig=" + sign(path));
    }

    /**
     * Checks a URL (or the part after the base URL) the hub's file endpoint received.
     *
     * @param url the requested URL
     * @return the file it names
     * @throws InvalidRequestException if it was not issued by this hub or was altered
     */
    public FileRef verify(String url) {
        String rest = url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
        Matcher m = PATH.matcher(rest);
        if (!m.matches()) {
            throw invalid();
        }
        String path = m.group(1) + "/" + m.group(2) + "/" + m.group(3);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(m.group(4));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac(path), given)) {
            throw invalid();
        }
        return new FileRef(dec(m.group(1)), m.group(2), dec(m.group(3)));
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("this file URL was not issued by the hub or was altered", ErrorContext.empty());
    }

    private String sign(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(path));
    }

    private byte[] mac(String path) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("file.v1." + path).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
