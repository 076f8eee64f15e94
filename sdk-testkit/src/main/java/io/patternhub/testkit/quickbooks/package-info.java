/**
 * A stateful QuickBooks Online Accounting API v3 sandbox: companies with accounts, tax codes, items,
 * journal entries, deposits, sales and refund receipts; queries, batches, Fault documents, limits and a
 * token endpoint that rotates refresh tokens.
 */
package io.patternhub.testkit.quickbooks;
