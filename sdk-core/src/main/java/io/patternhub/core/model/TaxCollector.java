package io.patternhub.core.model;

/** Who collects and remits a tax: decides whether the seller books it as a liability. */
public enum TaxCollector {
    /** The marketplace collected and remits it (e.g. Etsy's VAT on digital goods); not the seller's liability. */
    MARKETPLACE,
    /** The seller collected it and must remit it (e.g. Shopify, WooCommerce). */
    SELLER
}
