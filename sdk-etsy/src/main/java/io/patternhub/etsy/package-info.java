/**
 * Etsy Open API v3 storefront.
 */
package io.patternhub.etsy;
