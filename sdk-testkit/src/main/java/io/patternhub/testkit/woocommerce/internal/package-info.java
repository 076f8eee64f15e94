/** The WooCommerce sandbox's state, routes and spec validation. Not public API. */
package io.patternhub.testkit.woocommerce.internal;
