package io.patternhub.core.storefront;

/** Who stores pattern files and hands them to buyers. */
public enum FileHosting {
    /** Files are uploaded to the platform, which delivers them (Etsy, Ravelry). */
    HOSTED_BY_PLATFORM,
    /** The platform only links to a URL; the file is hosted elsewhere (WooCommerce downloads). */
    LINKED_URL,
    /** The platform has no digital delivery; the hub delivers files itself (Shopify). */
    DELIVERED_BY_HUB
}
