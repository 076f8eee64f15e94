/** Reconciliation internals: how orders become postings and postings become journals. Not public API. */
package io.patternhub.accounting.reconcile.internal;
