/**
 * QuickBooks Online and Xero ledgers and the reconciliation engine.
 */
package io.patternhub.accounting;
