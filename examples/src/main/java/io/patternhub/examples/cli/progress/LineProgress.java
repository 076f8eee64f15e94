package io.patternhub.examples.cli.progress;

import io.patternhub.hub.sync.SyncProgressListener;

import java.io.PrintStream;

/** Progress as plain log lines, for logs and pipes. Thread-safe. */
final class LineProgress implements Progress {
    private final PrintStream err;

    LineProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public Task task(String name, long total) {
        return new Task() {
            @Override
            public void update(long done, String detail) {
                line(name + ": " + done + "/" + total + (detail.isEmpty() ? "" : " " + detail));
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public SyncProgressListener syncListener() {
        return p -> {
            switch (p.event()) {
                case STARTED -> line(p.storefrontId() + ": " + p.total() + " pattern(s) to bring in line");
                case PATTERN_DONE -> line(p.storefrontId() + ": " + (p.completed() + p.failed()) + "/" + p.total()
                        + " " + p.sku().orElse("") + " done");
                case PATTERN_FAILED -> line(p.storefrontId() + ": " + (p.completed() + p.failed()) + "/" + p.total()
                        + " " + p.sku().orElse("") + " FAILED: " + p.error().orElse("unknown error"));
                case FINISHED -> line(p.storefrontId() + ": finished, " + p.completed() + " done, " + p.failed() + " failed");
                default -> {
                }
            }
        };
    }

    private synchronized void line(String s) {
        err.println(s);
    }

}
