package io.patternhub.core.event;

import io.patternhub.core.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Deterministic event ids for events that have no platform delivery id (polling, CSV imports):
 * the same inputs always give the same id.
 */
public final class EventIds {
    private EventIds() {
    }

    /**
     * An id from the platform and the parts that identify the happening, for example
     * {@code EventIds.of(ETSY, "order", receiptId, "PAID", updatedAt.toString())}.
     *
     * @param platform the platform
     * @param parts    the identifying parts, none {@code null}
     * @return {@code "<platform>:<first 32 hex chars of SHA-256 of the parts>"}
     */
    public static String of(Platform platform, String... parts) {
        Objects.requireNonNull(platform, "platform");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (String part : parts) {
            byte[] bytes = Objects.requireNonNull(part, "part").getBytes(StandardCharsets.UTF_8);
            // Length-prefix each part so ("ab","c") and ("a","bc") differ.
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        return platform.name().toLowerCase(java.util.Locale.ROOT) + ":" + hex.substring(0, 32);
    }
}
