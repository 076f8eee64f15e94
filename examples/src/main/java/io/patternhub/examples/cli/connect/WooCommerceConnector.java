package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.config.BaseUrls;
import io.patternhub.hub.sync.HubFileUrls;
import io.patternhub.woocommerce.WooCommerceStorefront;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * WooCommerce from {@code PATTERNHUB_WOOCOMMERCE_SITE_URL} (the shop; {@code _BASE_URL} replaces its
 * scheme, host and port), {@code _CONSUMER_KEY} ({@code ck_...}) and {@code _CONSUMER_SECRET}
 * ({@code cs_...}); optional {@code _CURRENCY} (default USD), {@code _WEBHOOK_SECRET} and
 * {@code _FILE_BASE_URL} (WooCommerce links files by URL; default
 * {@code <site>/wp-content/uploads/patternhub/}).
 */
public final class WooCommerceConnector implements StorefrontConnector {
    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public boolean configured(Credentials c) {
        return c.anyPresent("SITE_URL", "CONSUMER_KEY", "CONSUMER_SECRET");
    }

    @Override
    public String requiredSettings() {
        return "PATTERNHUB_WOOCOMMERCE_SITE_URL, PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY and"
                + " PATTERNHUB_WOOCOMMERCE_CONSUMER_SECRET";
    }

    @Override
    public StorefrontConnection connect(Credentials c) {
        c.requireAll("WooCommerce", "CONSUMER_KEY", "CONSUMER_SECRET");
        String site = c.get("SITE_URL").map(s -> c.baseUrlOverride().map(o -> BaseUrls.rebase(s, o)).orElse(s))
                .or(c::baseUrlOverride)
                .orElseThrow(() -> new ConfigurationException("WooCommerce is only partly configured: set "
                        + c.name("SITE_URL") + " (the shop's address)", ErrorContext.empty()));
        String currency = c.get("CURRENCY").orElse("USD");
        String files = c.get("FILE_BASE_URL").orElse(stripSlash(site) + "/wp-content/uploads/patternhub/");
        String fileBase = files.endsWith("/") ? files : files + "/";
        WooCommerceStorefront.Builder b = WooCommerceStorefront.builder().siteUrl(site)
                .credentials(c.get("CONSUMER_KEY").orElseThrow(), c.get("CONSUMER_SECRET").orElseThrow())
                .currency(currency)
                .fileUrls(f -> URI.create(fileBase + URLEncoder.encode(f.name(), StandardCharsets.UTF_8).replace("+", "%20")));
        c.get("WEBHOOK_SECRET").ifPresent(b::webhookSecret);
        // The hub signs each file version's URL; the key is derived from the consumer secret, which only
        // the seller and the hub hold, so the file endpoint at FILE_BASE_URL can verify what it serves.
        HubFileUrls urls = HubFileUrls.signed(fileBase, sha256("patternhub-file-urls:" + c.get("CONSUMER_SECRET").orElseThrow()));
        return new StorefrontConnection(Platform.WOOCOMMERCE, "woocommerce", b.build(), currency, Map.of(), urls);
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
