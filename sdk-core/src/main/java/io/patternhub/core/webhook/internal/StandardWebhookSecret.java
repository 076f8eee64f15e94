package io.patternhub.core.webhook.internal;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.nio.charset.StandardCharsets;

/** Turns a Standard Webhooks secret ({@code whsec_<base64>}) into HMAC key bytes. Not public API. */
public final class StandardWebhookSecret {
    /** The prefix Standard Webhooks secrets carry. */
    public static final String PREFIX = "whsec_";

    private StandardWebhookSecret() {
    }

    /** The key bytes: the Base64-decoded secret after stripping an optional {@code whsec_} prefix. */
    public static byte[] decode(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException(
                    "Standard Webhooks secret is missing: pass the whsec_... signing secret", ErrorContext.empty());
        }
        String encoded = secret.trim();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key = Hmac.decodeBase64(encoded).orElseThrow(() -> new ConfigurationException(
                "Standard Webhooks secret is not Base64 after its whsec_ prefix: copy the whole secret",
                ErrorContext.empty()));
        if (key.length == 0) {
            throw new ConfigurationException("Standard Webhooks secret is empty after its whsec_ prefix",
                    ErrorContext.empty());
        }
        return key;
    }

    /** The signed content: {@code id + "." + timestamp + "." + body}. */
    public static byte[][] signedContent(String id, long timestampSeconds, byte[] body) {
        return new byte[][] {(id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8), body};
    }
}
