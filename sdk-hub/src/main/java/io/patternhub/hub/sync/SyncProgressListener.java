package io.patternhub.hub.sync;

/**
 * Receives progress (the command line draws progress bars from it). Called from the sync's worker
 * threads, possibly concurrently for different storefronts; must be quick and thread-safe.
 */
@FunctionalInterface
public interface SyncProgressListener {
    /** Ignores everything. */
    SyncProgressListener NONE = p -> { };

    /**
     * @param progress what happened
     */
    void onProgress(SyncProgress progress);
}
