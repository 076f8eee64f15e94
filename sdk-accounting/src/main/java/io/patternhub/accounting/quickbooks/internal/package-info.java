/** QuickBooks Online wire formats and error mapping; not part of the public API. */
package io.patternhub.accounting.quickbooks.internal;
