package io.patternhub.examples.cli.command;

import io.patternhub.hub.ingest.WebhookInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Processes the webhook inbox in the background for {@code serve}: right after a delivery is stored
 * ({@link #nudge()}) and every sweep interval (events whose processing failed are retried after the
 * inbox's backoff). One thread, so events are processed one batch at a time.
 */
final class InboxWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);

    private final WebhookInbox inbox;
    private final PrintStream out;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "patternhub-inbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean nudged = new AtomicBoolean();

    InboxWorker(WebhookInbox inbox, PrintStream out, Duration sweep) {
        this.inbox = inbox;
        this.out = out;
        thread.scheduleWithFixedDelay(this::drain, 0, sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Processes soon; calls while a run is already queued add nothing. */
    void nudge() {
        if (nudged.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    nudged.set(false);
                    drain();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                nudged.set(false);
            }
        }
    }

    private void drain() {
        try {
            int n = inbox.processAll();
            if (n > 0) {
                out.println("webhooks: " + n + " event(s) processed");
                out.flush();
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; the next sweep retries
            LOG.warn("processing the webhook inbox failed: {}", e.toString());
        }
    }

    /** Stops after the batch in progress (the rest stays stored for the next start). */
    @Override
    public void close() {
        thread.shutdown();
        // serve stops by interruption; let the batch in progress commit before passing the interrupt on
        boolean interrupted = Thread.interrupted();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
