/** Xero wire formats and error mapping; not part of the public API. */
package io.patternhub.accounting.xero.internal;
