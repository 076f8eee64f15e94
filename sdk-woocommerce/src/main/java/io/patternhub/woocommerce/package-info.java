/**
 * The WooCommerce REST API v3 storefront: {@link io.patternhub.woocommerce.WooCommerceStorefront}
 * (products with downloadable files linked by URL, batch pushes, orders with tax, fee and refund lines,
 * webhooks and their re-enabling, granting new files to past buyers),
 * {@link io.patternhub.woocommerce.WooCommerceOrderEvents} (polling from a persisted cursor with a
 * rescan window, and webhooks, each order state once) and
 * {@link io.patternhub.woocommerce.WooCommerceKeyProvisioning} (the {@code /wc-auth/v1/authorize} flow).
 */
package io.patternhub.woocommerce;
