/**
 * Verification of incoming webhook deliveries and signing of outgoing ones.
 *
 * <p>Start with {@link io.patternhub.core.webhook.WebhookVerifier}: one factory per platform scheme
 * ({@code shopify}, {@code wooCommerce}, {@code quickBooks}, {@code xero}, {@code etsy}). Every
 * verifier checks the signature over the raw body bytes in constant time and throws
 * {@link io.patternhub.core.error.WebhookVerificationException} with a
 * {@link io.patternhub.core.error.WebhookVerificationException.Reason} when a delivery must be
 * rejected. {@link io.patternhub.core.webhook.StandardWebhookSigner} signs outgoing callbacks with
 * the Standard Webhooks scheme.
 */
package io.patternhub.core.webhook;
