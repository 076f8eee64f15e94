package io.patternhub.core.webhook;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.error.WebhookVerificationException.Reason;
import io.patternhub.core.webhook.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Base64 HMAC-SHA256 over the raw body in one header: Shopify, WooCommerce, QuickBooks, Xero. */
final class HmacBodyVerifier implements WebhookVerifier {
    private static final int SHA256_LENGTH = 32;

    private final Platform platform;
    private final String header;
    private final List<byte[]> keys;

    HmacBodyVerifier(Platform platform, String header, List<String> secrets) {
        this.platform = platform;
        this.header = header;
        this.keys = secrets.stream().map(s -> keyOf(platform.displayName(), s)).collect(Collectors.toUnmodifiableList());
    }

    static byte[] keyOf(String scheme, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException(scheme
                    + " webhook secret is missing: pass the secret the platform signs deliveries with",
                    ErrorContext.empty());
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void verify(WebhookHeaders headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String value = headers.get(header).orElseThrow(() -> new WebhookVerificationException(Reason.MISSING_HEADER,
                platform.displayName() + " webhook has no " + header + " header; reject it with 401"));
        byte[] given = Hmac.decodeBase64(value)
                .filter(bytes -> bytes.length == SHA256_LENGTH)
                .orElseThrow(() -> new WebhookVerificationException(Reason.MALFORMED_HEADER,
                        platform.displayName() + " webhook " + header
                                + " header is not a Base64 HMAC-SHA256; reject it with 401"));
        for (byte[] key : keys) {
            if (MessageDigest.isEqual(Hmac.sha256(key, body), given)) {
                return;
            }
        }
        throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH, platform.displayName()
                + " webhook signature does not match the body; reject it with 401 (check the secret"
                + " and that the raw body bytes were passed unchanged)");
    }

    @Override
    public String toString() {
        return "HmacBodyVerifier[" + platform.displayName() + ", " + header + ", secrets=" + keys.size() + "]";
    }
}
