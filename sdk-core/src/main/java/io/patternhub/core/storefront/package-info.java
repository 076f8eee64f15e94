/**
 * The {@link io.patternhub.core.storefront.Storefront} SPI every platform module implements, its
 * {@link io.patternhub.core.storefront.Capabilities}, and the request values it takes.
 */
package io.patternhub.core.storefront;
