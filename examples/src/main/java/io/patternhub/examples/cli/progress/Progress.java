package io.patternhub.examples.cli.progress;

import io.patternhub.examples.cli.CliContext;
import io.patternhub.hub.sync.SyncProgressListener;

/**
 * Progress of long work (sync, order pulls, imports): bars on a terminal, one log line per step
 * otherwise (CI logs, pipes, files).
 */
public interface Progress {

    /**
     * @param ctx the command's context
     * @return bars if {@code ctx} is a terminal, log lines if not
     */
    static Progress of(CliContext ctx) {
        return ctx.terminal() ? new BarProgress(ctx.err()) : new LineProgress(ctx.err());
    }

    /**
     * A counted task.
     *
     * @param name  what is being done, e.g. {@code etsy}
     * @param total how many steps
     * @return the task; close it when done
     */
    Task task(String name, long total);

    /** @return a listener that draws the hub sync's progress (one task per storefront) */
    SyncProgressListener syncListener();

    /** One counted task. */
    interface Task extends AutoCloseable {
        /**
         * @param done   steps done so far
         * @param detail what the last step was (may be empty)
         */
        void update(long done, String detail);

        @Override
        void close();
    }
}
