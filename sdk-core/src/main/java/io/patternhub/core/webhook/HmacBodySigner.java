package io.patternhub.core.webhook;

import io.patternhub.core.webhook.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Produces the Base64 HMAC-SHA256 of a body, the signature Shopify, WooCommerce, QuickBooks and
 * Xero put in one header. Used by the testkit to sign deliveries and by tests. Thread-safe.
 */
public final class HmacBodySigner {
    private final byte[] key;

    private HmacBodySigner(byte[] key) {
        this.key = key;
    }

    /**
     * A signer keyed with the UTF-8 bytes of {@code secret}.
     *
     * @param secret the shared secret (client secret, webhook secret, verifier token or signing key)
     * @return a signer
     * @throws io.patternhub.core.error.ConfigurationException when the secret is blank
     */
    public static HmacBodySigner create(String secret) {
        return new HmacBodySigner(HmacBodyVerifier.keyOf("HMAC", secret));
    }

    /**
     * The Base64 signature of {@code body}.
     *
     * @param body the exact bytes that will be sent
     * @return the header value
     */
    public String sign(byte[] body) {
        return Hmac.base64(Hmac.sha256(key, Objects.requireNonNull(body, "body")));
    }

    /**
     * The Base64 signature of a UTF-8 text body.
     *
     * @param body the text that will be sent as UTF-8
     * @return the header value
     */
    public String sign(String body) {
        return sign(body.getBytes(StandardCharsets.UTF_8));
    }
}
