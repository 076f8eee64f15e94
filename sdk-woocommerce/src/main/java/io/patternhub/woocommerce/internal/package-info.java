/** WooCommerce JSON normalizers. Not public API: may change without notice. */
package io.patternhub.woocommerce.internal;
