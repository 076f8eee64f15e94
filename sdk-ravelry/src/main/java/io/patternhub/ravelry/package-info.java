/**
 * Ravelry pattern-store storefront: products, PDF attachments and sales ({@code purchases.json}),
 * OAuth 2.0 and personal-key Basic auth, ETag-aware paging and polling.
 */
package io.patternhub.ravelry;
