package io.patternhub.hub.sync;

/**
 * A point in the execution of one outbox item, passed to a {@link SyncHook}.
 *
 * @param storefrontId the target
 * @param sku          the pattern
 * @param kind         the change being made, or {@code null} at {@link Phase#CLAIMED}
 * @param phase        where in the change
 */
public record SyncStep(String storefrontId, String sku, ChangeKind kind, Phase phase) {

    /** Where in an item's execution. */
    public enum Phase {
        /** The outbox row was claimed (lease committed), before any work. */
        CLAIMED,
        /** The intent was committed; the remote call is next. */
        BEFORE_REMOTE,
        /** The remote call returned; its outcome is not yet committed. */
        AFTER_REMOTE,
        /** The outcome was committed. */
        COMMITTED
    }
}
