package io.patternhub.core.webhook;

/** The names of the signature headers each platform sends (matched without regard to case). */
public final class SignatureHeaders {
    /** Shopify: Base64 HMAC-SHA256 of the body with the app's client secret. */
    public static final String SHOPIFY = "X-Shopify-Hmac-SHA256";
    /** WooCommerce: Base64 HMAC-SHA256 of the body with the webhook secret. */
    public static final String WOOCOMMERCE = "X-WC-Webhook-Signature";
    /** QuickBooks Online: Base64 HMAC-SHA256 of the body with the verifier token. */
    public static final String QUICKBOOKS = "intuit-signature";
    /** Xero: Base64 HMAC-SHA256 of the body with the webhook signing key. */
    public static final String XERO = "x-xero-signature";
    /** Standard Webhooks (Etsy): the message id. */
    public static final String STANDARD_ID = StandardWebhookVerifier.ID_HEADER;
    /** Standard Webhooks (Etsy): the send time in Unix seconds. */
    public static final String STANDARD_TIMESTAMP = StandardWebhookVerifier.TIMESTAMP_HEADER;
    /** Standard Webhooks (Etsy): space-separated {@code v1,<base64>} signatures. */
    public static final String STANDARD_SIGNATURE = StandardWebhookVerifier.SIGNATURE_HEADER;

    private SignatureHeaders() {
    }
}
