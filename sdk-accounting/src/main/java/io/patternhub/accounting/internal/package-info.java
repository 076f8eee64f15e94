/** Helpers shared by the ledger adapters; not part of the public API. */
package io.patternhub.accounting.internal;
