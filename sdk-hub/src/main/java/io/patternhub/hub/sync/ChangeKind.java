package io.patternhub.hub.sync;

/** One kind of change sync makes on a storefront. */
public enum ChangeKind {
    /** The pattern has no listing there yet. */
    CREATE_LISTING,
    /** Title, description, tags or price differ from what was last pushed. */
    UPDATE_LISTING,
    /** The pattern was removed from the hub: take the listing off sale. */
    DEACTIVATE_LISTING,
    /** The pattern came back: put its deactivated listing on sale again. */
    REACTIVATE_LISTING,
    /** A file the listing does not have yet. */
    ATTACH_FILE,
    /** A file whose content changed (a new version): the new one is attached, then the old one removed. */
    REPLACE_FILE,
    /** A file no longer in the pattern. */
    REMOVE_FILE
}
