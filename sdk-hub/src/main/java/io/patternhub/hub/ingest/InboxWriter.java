package io.patternhub.hub.ingest;

import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.StoreException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for the inbox: the rows of concurrent {@code receive} calls are inserted in one
 * transaction, so a burst costs one commit (one WAL flush on PostgreSQL with {@code fsync}) instead of
 * one per delivery. Every call still returns only once its own rows are committed ("stored before
 * acknowledged"). No thread of its own: the first caller to find nobody writing writes everything queued
 * (leader), the others wait for it; a lone caller writes its own rows at once, as before.
 *
 * <p>If a batch fails, every call in it fails with that error (their platforms redeliver).
 */
final class InboxWriter {
    /** One inbox row to insert. */
    record Row(String lane, String eventId, String type, String payload, Instant receivedAt) {
    }

    private final HubStore store;
    private final String table;
    private final int maxRows;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;
    private long batches;

    InboxWriter(HubStore store, String table, int maxRows) {
        this.store = store;
        this.table = table;
        this.maxRows = maxRows;
    }

    /**
     * Inserts the rows (deduplicated by lane and event id) and returns once they are committed.
     *
     * @param rows the rows of one delivery
     * @return how many were new
     */
    int write(List<Row> rows) {
        Pending mine = new Pending(rows);
        boolean interrupted = false;
        synchronized (lock) {
            queue.add(mine);
            while (!mine.done && writing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the rows may already be in a batch being written: wait for the outcome
                }
            }
            if (!mine.done) {
                writing = true;
            }
        }
        try {
            if (!mine.done) {
                lead(mine);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return mine.result();
    }

    /** Deliveries waiting for a batch (for tests). */
    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Transactions written so far (for tests). */
    long batches() {
        synchronized (lock) {
            return batches;
        }
    }

    /** Writes batches until the leader's own rows are in one, then hands over. */
    private void lead(Pending mine) {
        try {
            while (!mine.done) {
                List<Pending> batch = new ArrayList<>();
                synchronized (lock) {
                    int rows = 0;
                    while (!queue.isEmpty() && (batch.isEmpty() || rows + queue.peek().rows.size() <= maxRows)) {
                        Pending next = queue.poll();
                        rows += next.rows.size();
                        batch.add(next);
                    }
                    batches++;
                }
                insert(batch);
                synchronized (lock) {
                    batch.forEach(p -> p.done = true);
                    lock.notifyAll();
                }
            }
        } finally {
            synchronized (lock) {
                writing = false;
                lock.notifyAll(); // a waiting caller whose rows are still queued takes over
            }
        }
    }

    private void insert(List<Pending> batch) {
        try {
            store.inTransaction(tx -> {
                for (Pending p : batch) {
                    int stored = 0;
                    for (Row r : p.rows) {
                        stored += tx.update("INSERT INTO " + table + " (lane, event_id, event_type, payload, received_at,"
                                + " status, attempts, available_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)"
                                + " ON CONFLICT (lane, event_id) DO NOTHING",
                                r.lane(), r.eventId(), r.type(), r.payload(), r.receivedAt(), tx.now());
                    }
                    p.stored = stored;
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.failure = e);
        }
    }

    /** One caller's rows and, once {@code done}, what became of them (fields published under the lock). */
    private static final class Pending {
        final List<Row> rows;
        boolean done;
        int stored;
        Throwable failure;

        Pending(List<Row> rows) {
            this.rows = rows;
        }

        int result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new StoreException("storing the delivery failed: " + failure, failure);
            }
            return stored;
        }
    }
}
