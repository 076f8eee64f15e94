/**
 * PatternHub core: the normalized models, the {@code Storefront} and {@code Ledger} SPIs, and the
 * shared machinery (transport, auth, webhooks, pagination) every platform module builds on.
 */
package io.patternhub.core;
