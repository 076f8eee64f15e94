/**
 * Etsy wire formats and their normalization. Internal: not part of the supported API, may change
 * without notice.
 */
package io.patternhub.etsy.internal;
