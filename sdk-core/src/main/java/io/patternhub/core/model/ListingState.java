package io.patternhub.core.model;

/** Where a listing stands on its platform. */
public enum ListingState {
    /** Created but not visible to buyers. */
    DRAFT,
    /** For sale. */
    ACTIVE,
    /** Hidden or expired; can be activated again. */
    INACTIVE,
    /** Deleted on the platform. */
    REMOVED
}
