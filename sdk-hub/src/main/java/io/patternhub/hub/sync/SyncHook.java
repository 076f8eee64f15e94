package io.patternhub.hub.sync;

/**
 * Called at every {@link SyncStep} of every outbox item, on the worker thread: for metrics, tracing
 * and fault injection in tests (a hook that throws an {@link Error} at step k stands for the process
 * dying there; a new {@link CatalogSync} then resumes from the outbox once the lease runs out).
 */
@FunctionalInterface
public interface SyncHook {
    /** Does nothing. */
    SyncHook NONE = step -> { };

    /**
     * @param step the point reached
     */
    void at(SyncStep step);
}
