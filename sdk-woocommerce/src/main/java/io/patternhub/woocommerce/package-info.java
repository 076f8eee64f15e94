/**
 * WooCommerce REST v3 storefront.
 */
package io.patternhub.woocommerce;
