/**
 * Ravelry wire formats, their normalization and the ETag cache. Internal: not part of the supported
 * API, may change without notice.
 */
package io.patternhub.ravelry.internal;
