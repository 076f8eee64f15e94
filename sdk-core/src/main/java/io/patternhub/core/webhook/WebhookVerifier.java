package io.patternhub.core.webhook;

import io.patternhub.core.Platform;
import io.patternhub.core.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a webhook delivery really comes from the platform. Thread-safe; build one per secret
 * and reuse it.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.shopify(clientSecret);
 * verifier.verify(headers, rawBody); // throws WebhookVerificationException -> answer 401
 * }</pre>
 *
 * <p>Always pass the raw body bytes exactly as received: parsing and re-serialising JSON changes
 * them and breaks the signature.
 */
public interface WebhookVerifier {

    /**
     * Verifies a delivery.
     *
     * @param headers the delivery's headers
     * @param body the raw request body, exactly as received
     * @throws WebhookVerificationException when the delivery must be rejected; its
     *     {@link WebhookVerificationException#reason() reason} says why
     */
    void verify(WebhookHeaders headers, byte[] body);

    /**
     * Verifies a delivery whose headers are in a single-valued map (names in any case).
     *
     * @param headers the delivery's headers
     * @param body the raw request body, exactly as received
     * @throws WebhookVerificationException when the delivery must be rejected
     */
    default void verify(Map<String, String> headers, byte[] body) {
        verify(WebhookHeaders.of(headers), body);
    }

    /**
     * Verifies a delivery whose body is already text; it is signed as its UTF-8 bytes.
     *
     * @param headers the delivery's headers
     * @param body the raw request body
     * @throws WebhookVerificationException when the delivery must be rejected
     */
    default void verify(Map<String, String> headers, String body) {
        Objects.requireNonNull(body, "body");
        verify(WebhookHeaders.of(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Shopify: {@code X-Shopify-Hmac-SHA256}, Base64 HMAC-SHA256 of the body keyed with the app's
     * client secret.
     *
     * @param clientSecret the app's client secret
     * @return a verifier
     */
    static WebhookVerifier shopify(String clientSecret) {
        return new HmacBodyVerifier(Platform.SHOPIFY, SignatureHeaders.SHOPIFY, Arrays.asList(clientSecret));
    }

    /**
     * Shopify during a client-secret rotation: a delivery signed with either secret is accepted
     * (Shopify may keep using the old secret for up to an hour after rotation).
     *
     * @param currentSecret the new client secret
     * @param previousSecret the secret being rotated out
     * @return a verifier that accepts either secret
     */
    static WebhookVerifier shopify(String currentSecret, String previousSecret) {
        return new HmacBodyVerifier(Platform.SHOPIFY, SignatureHeaders.SHOPIFY,
                Arrays.asList(currentSecret, previousSecret));
    }

    /**
     * WooCommerce: {@code X-WC-Webhook-Signature}, Base64 HMAC-SHA256 of the body keyed with the
     * webhook's secret.
     *
     * @param webhookSecret the secret set on the WooCommerce webhook
     * @return a verifier
     */
    static WebhookVerifier wooCommerce(String webhookSecret) {
        return new HmacBodyVerifier(Platform.WOOCOMMERCE, SignatureHeaders.WOOCOMMERCE, Arrays.asList(webhookSecret));
    }

    /**
     * QuickBooks Online: {@code intuit-signature}, Base64 HMAC-SHA256 of the body keyed with the
     * app's verifier token.
     *
     * @param verifierToken the webhook verifier token from the Intuit developer portal
     * @return a verifier
     */
    static WebhookVerifier quickBooks(String verifierToken) {
        return new HmacBodyVerifier(Platform.QUICKBOOKS, SignatureHeaders.QUICKBOOKS, Arrays.asList(verifierToken));
    }

    /**
     * Xero: {@code x-xero-signature}, Base64 HMAC-SHA256 of the body keyed with the webhook signing
     * key. Xero expects 401 for a bad signature, also during its "intent to receive" check.
     *
     * @param webhookKey the webhook signing key
     * @return a verifier
     */
    static WebhookVerifier xero(String webhookKey) {
        return new HmacBodyVerifier(Platform.XERO, SignatureHeaders.XERO, Arrays.asList(webhookKey));
    }

    /**
     * Etsy (Standard Webhooks) with the system UTC clock and the default five-minute tolerance.
     *
     * @param secret the signing secret, with or without its {@code whsec_} prefix
     * @return a verifier
     */
    static WebhookVerifier etsy(String secret) {
        return StandardWebhookVerifier.builder(secret).build();
    }

    /**
     * Etsy (Standard Webhooks) with the given clock and the default five-minute tolerance.
     *
     * @param secret the signing secret, with or without its {@code whsec_} prefix
     * @param clock the clock timestamps are checked against
     * @return a verifier
     */
    static WebhookVerifier etsy(String secret, Clock clock) {
        return StandardWebhookVerifier.builder(secret).clock(clock).build();
    }
}
