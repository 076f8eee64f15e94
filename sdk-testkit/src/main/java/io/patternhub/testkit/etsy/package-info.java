/**
 * A stateful Etsy Open API v3 sandbox ({@link io.patternhub.testkit.etsy.EtsySandbox}): shops,
 * listings, inventory, listing files, receipts, transactions, payments and ledger entries, with
 * Etsy's authentication, pagination, rate-limit headers, error shape and signed webhooks. Every
 * request is validated against Etsy's OpenAPI description.
 */
package io.patternhub.testkit.etsy;
