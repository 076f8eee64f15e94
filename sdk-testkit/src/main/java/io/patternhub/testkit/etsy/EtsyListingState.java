package io.patternhub.testkit.etsy;

/** The listing states the sandbox models (a subset of Etsy's {@code state} enum). */
public enum EtsyListingState {
    /** Created by createDraftListing; not visible to buyers. */
    DRAFT,
    /** Published. */
    ACTIVE,
    /** Deactivated by the seller. */
    INACTIVE;

    /** The wire value, e.g. {@code "draft"}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
