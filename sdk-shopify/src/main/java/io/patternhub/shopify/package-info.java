/**
 * Shopify Admin GraphQL storefront.
 */
package io.patternhub.shopify;
