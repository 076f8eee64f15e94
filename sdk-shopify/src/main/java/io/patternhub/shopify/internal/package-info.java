/**
 * Internals of the Shopify storefront: the GraphQL documents, the GraphQL client with cost pacing,
 * and the normalizers from Shopify's JSON to PatternHub models. Not part of the public API.
 */
package io.patternhub.shopify.internal;
