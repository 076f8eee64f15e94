/**
 * Ravelry pattern-store storefront.
 */
package io.patternhub.ravelry;
