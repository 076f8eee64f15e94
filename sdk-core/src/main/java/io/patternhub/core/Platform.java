package io.patternhub.core;

/** Every external system PatternHub talks to, storefronts and ledgers alike. */
public enum Platform {
    ETSY("Etsy", Kind.STOREFRONT),
    SHOPIFY("Shopify", Kind.STOREFRONT),
    RAVELRY("Ravelry", Kind.STOREFRONT),
    WOOCOMMERCE("WooCommerce", Kind.STOREFRONT),
    /** Shops without an API whose sales arrive as CSV exports (Creative Market and the like). */
    CSV("CSV import", Kind.STOREFRONT),
    QUICKBOOKS("QuickBooks Online", Kind.LEDGER),
    XERO("Xero", Kind.LEDGER),
    /** An LLM provider or helpdesk used by AI support. */
    SUPPORT("Support service", Kind.SERVICE);

    /** What role a platform plays. */
    public enum Kind { STOREFRONT, LEDGER, SERVICE }

    private final String displayName;
    private final Kind kind;

    Platform(String displayName, Kind kind) {
        this.displayName = displayName;
        this.kind = kind;
    }

    /** The platform's own name, for messages. */
    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }
}
