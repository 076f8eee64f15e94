/**
 * Xero Accounting API 2.0 ledger: {@link io.patternhub.accounting.xero.XeroLedger} posts balanced
 * journals as manual journals, invoices with payments, or bank transactions, once each, with the
 * tenant header, {@code Idempotency-Key}, Xero's rate limits and per-item validation errors.
 */
package io.patternhub.accounting.xero;
