package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.internal.MappingKeys;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic journal references, e.g. {@code PH-ETSY-PAYOUT-1234-2026-05}: the same input always
 * gives the same reference, so a re-run finds what was posted instead of posting it again.
 */
public final class References {
    private static final String PREFIX = "PH-";

    private References() {
    }

    public static String payout(Platform channel, String payoutId, YearMonth month) {
        return fit(PREFIX + channel(channel) + "-PAYOUT-" + id(payoutId) + "-" + month);
    }

    public static String settlement(Platform channel, String payoutId, YearMonth month) {
        return fit(PREFIX + channel(channel) + "-SETTLE-" + id(payoutId) + "-" + month);
    }

    public static String sale(Platform channel, String orderId, YearMonth month, String currencySuffix) {
        return fit(PREFIX + channel(channel) + "-ORDER-" + id(orderId) + "-" + month + suffix(currencySuffix));
    }

    public static String refund(Platform channel, String orderId, String refundId, YearMonth month,
                                String currencySuffix) {
        return fit(PREFIX + channel(channel) + "-REFUND-" + id(orderId) + "-" + id(refundId) + "-" + month
                + suffix(currencySuffix));
    }

    private static String suffix(String currency) {
        return currency == null ? "" : "-" + currency;
    }

    private static String channel(Platform channel) {
        return channel.name().toUpperCase(Locale.ROOT);
    }

    /** Platform ids made safe for every ledger's reference field; Shopify GIDs keep only their number. */
    static String id(String raw) {
        String id = raw.startsWith("gid://") ? raw.substring(raw.lastIndexOf('/') + 1) : raw;
        return id.replaceAll("[^A-Za-z0-9_.]", "_");
    }

    private static String fit(String reference) {
        if (reference.length() <= Journal.MAX_REFERENCE_LENGTH) {
            return reference;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            String tail = "-" + HexFormat.of().formatHex(hash, 0, 8);
            return reference.substring(0, Journal.MAX_REFERENCE_LENGTH - tail.length()) + tail;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }
}
