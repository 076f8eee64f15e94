package io.patternhub.core.webhook.internal;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and Base64 helpers shared by the verifiers and signers. Not public API. */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** HMAC-SHA256 of the concatenation of {@code parts} under {@code key}. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            // A new Mac per call: Mac instances are not thread-safe and are cheap to create.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java 17 runtime", e);
        }
    }

    /** Decodes standard Base64, or empty when {@code text} is not valid Base64. */
    public static Optional<byte[]> decodeBase64(String text) {
        try {
            // strip(), not trim(): a signature padded with NULs or other control characters is not valid
            return Optional.of(Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Encodes as standard Base64 with padding. */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
