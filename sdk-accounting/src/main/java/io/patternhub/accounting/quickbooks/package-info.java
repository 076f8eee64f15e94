/**
 * QuickBooks Online Accounting API v3 ledger: {@link io.patternhub.accounting.quickbooks.QuickBooksLedger}
 * posts balanced journals as journal entries, deposits, sales receipts or refund receipts, once each,
 * with deterministic document numbers, look-up-before-retry, batches of at most 10 and QuickBooks' limits.
 */
package io.patternhub.accounting.quickbooks;
