/**
 * A stateful Xero Accounting API sandbox: organisations with accounts, tax rates, contacts, invoices,
 * payments, bank transactions and manual journals; Xero's limits and headers; Idempotency-Key; every
 * request validated against Xero's OpenAPI description.
 */
package io.patternhub.testkit.xero;
