/**
 * Buyer access: {@link io.patternhub.hub.access.Entitlements} granted on paid orders and revoked on
 * refunds, HMAC-signed expiring {@link io.patternhub.hub.access.DownloadLinks} with count limits,
 * the {@link io.patternhub.hub.access.Provisioner} SPI with its signed-callback implementation,
 * outgoing {@link io.patternhub.hub.access.HubEvent}s through
 * {@link io.patternhub.hub.access.SignedCallbacks}, the {@link io.patternhub.hub.access.BuyerAccess}
 * order handler tying them together, and {@link io.patternhub.hub.access.GenericOrderWebhook} for
 * shops without an API.
 */
package io.patternhub.hub.access;
