package io.patternhub.core.storefront;

/** A feature a storefront platform may or may not offer; see {@link Capabilities#supports}. */
public enum Capability {
    WEBHOOKS("webhooks"),
    POLLING("order polling"),
    DIGITAL_FILES("digital files"),
    FEES("fee reporting"),
    TAXES("tax reporting"),
    BUYER_EMAIL("buyer email"),
    WRITE_LISTINGS("writing listings"),
    PAYOUTS("payouts");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    /** A short human name, used in error messages. */
    public String label() {
        return label;
    }
}
