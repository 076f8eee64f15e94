package io.patternhub.examples.demo;

/**
 * One chapter of the demo's story. Steps run in order against one {@link DemoWorld}; each records
 * its counts in {@link DemoWorld#summary()} and tells what it did through {@link StepLog}. Later
 * capabilities add a step.
 */
public interface DemoStep {
    /** @return the chapter's title, e.g. "Sync to every storefront" */
    String title();

    /**
     * Runs the chapter.
     *
     * @param world the sandboxes, the hub and the counts
     * @param log   what happened, for the console and the report
     * @throws Exception when the chapter fails (the demo stops)
     */
    void run(DemoWorld world, StepLog log) throws Exception;
}
