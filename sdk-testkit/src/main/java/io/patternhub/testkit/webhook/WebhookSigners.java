package io.patternhub.testkit.webhook;

import io.patternhub.core.webhook.HmacBodySigner;
import io.patternhub.core.webhook.SignatureHeaders;
import io.patternhub.core.webhook.StandardWebhookSigner;
import java.time.Clock;
import java.util.Map;

/**
 * Signers for every platform's webhook scheme, built on sdk-core's signers so what they produce is
 * exactly what {@link io.patternhub.core.webhook.WebhookVerifier} checks.
 */
public final class WebhookSigners {
    private WebhookSigners() {
    }

    /**
     * Shopify: {@code X-Shopify-Hmac-SHA256} with the app's client secret.
     *
     * @param clientSecret the client secret
     * @return the signer
     */
    public static WebhookSigner shopify(String clientSecret) {
        return hmacBody(SignatureHeaders.SHOPIFY, clientSecret);
    }

    /**
     * WooCommerce: {@code X-WC-Webhook-Signature} with the webhook secret.
     *
     * @param webhookSecret the webhook secret
     * @return the signer
     */
    public static WebhookSigner wooCommerce(String webhookSecret) {
        return hmacBody(SignatureHeaders.WOOCOMMERCE, webhookSecret);
    }

    /**
     * QuickBooks Online: {@code intuit-signature} with the verifier token.
     *
     * @param verifierToken the verifier token
     * @return the signer
     */
    public static WebhookSigner quickBooks(String verifierToken) {
        return hmacBody(SignatureHeaders.QUICKBOOKS, verifierToken);
    }

    /**
     * Xero: {@code x-xero-signature} with the webhook signing key.
     *
     * @param webhookKey the signing key
     * @return the signer
     */
    public static WebhookSigner xero(String webhookKey) {
        return hmacBody(SignatureHeaders.XERO, webhookKey);
    }

    /**
     * Etsy (Standard Webhooks): {@code webhook-id}, {@code webhook-timestamp} (from {@code clock})
     * and {@code webhook-signature}.
     *
     * @param secret the {@code whsec_...} secret
     * @param clock the clock for the timestamp
     * @return the signer
     */
    public static WebhookSigner etsy(String secret, Clock clock) {
        StandardWebhookSigner signer = StandardWebhookSigner.create(secret, clock);
        return body -> new SignedWebhook(signer.sign(body), body);
    }

    /**
     * Etsy (Standard Webhooks) with the system clock.
     *
     * @param secret the {@code whsec_...} secret
     * @return the signer
     */
    public static WebhookSigner etsy(String secret) {
        return etsy(secret, Clock.systemUTC());
    }

    private static WebhookSigner hmacBody(String header, String secret) {
        HmacBodySigner signer = HmacBodySigner.create(secret);
        return body -> new SignedWebhook(Map.of(header, signer.sign(body)), body);
    }
}
