package io.patternhub.accounting.reconcile.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;

/**
 * Deterministic journal references, e.g. {@code PH-ETSY-PAYOUT-1234-2026-05}: the same input always
 * gives the same reference, so a re-run finds what was posted instead of posting it again.
 */
public final class References {
    private static final String PREFIX = "PH-";

    private References() {
    }

    public static String payout(Platform channel, String payoutId, YearMonth month) {
        return fit(start(channel, "-PAYOUT-", payoutId).append('-'), month, null);
    }

    public static String settlement(Platform channel, String payoutId, YearMonth month) {
        return fit(start(channel, "-SETTLE-", payoutId).append('-'), month, null);
    }

    public static String sale(Platform channel, String orderId, YearMonth month, String currencySuffix) {
        return fit(start(channel, "-ORDER-", orderId).append('-'), month, currencySuffix);
    }

    public static String refund(Platform channel, String orderId, String refundId, YearMonth month,
                                String currencySuffix) {
        StringBuilder sb = start(channel, "-REFUND-", orderId).append('-');
        appendId(sb, refundId);
        return fit(sb.append('-'), month, currencySuffix);
    }

    // Built in one StringBuilder, without regular expressions: a reference is made per journal, a
    // million times in a large run.
    private static StringBuilder start(Platform channel, String kind, String id) {
        StringBuilder sb = new StringBuilder(64).append(PREFIX).append(channel.name()).append(kind);
        appendId(sb, id);
        return sb;
    }

    private static String fit(StringBuilder sb, YearMonth month, String currencySuffix) {
        int year = month.getYear();
        if (year < 1000 || year > 9999) {
            sb.append(month); // YearMonth's own format for years outside four digits
        } else {
            int m = month.getMonthValue();
            sb.append(year).append('-').append((char) ('0' + m / 10)).append((char) ('0' + m % 10));
        }
        if (currencySuffix != null) {
            sb.append('-').append(currencySuffix);
        }
        return fit(sb.toString());
    }

    /** Platform ids made safe for every ledger's reference field; Shopify GIDs keep only their number. */
    static String id(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        appendId(sb, raw);
        return sb.toString();
    }

    private static void appendId(StringBuilder sb, String raw) {
        int from = raw.startsWith("gid://") ? raw.lastIndexOf('/') + 1 : 0;
        for (int i = from, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++; // one code point, one '_', as the former regex replaced it
            }
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.';
            sb.append(safe ? c : '_');
        }
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
