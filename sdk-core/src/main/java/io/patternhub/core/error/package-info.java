/**
 * The errors PatternHub throws: one unchecked root, {@link io.patternhub.core.error.PatternHubException},
 * and one subclass per kind of failure a caller can act on.
 */
package io.patternhub.core.error;
