package io.patternhub.hub.store.internal;

import io.patternhub.hub.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A minimal pool over a {@link DataSource}: PostgreSQL forks a server process per connection, so
 * the hub reuses connections instead of opening one per transaction. At most {@code maxSize}
 * connections are out at once; a connection that failed is closed instead of returned.
 */
public final class ConnectionPool implements AutoCloseable {
    private final DataSource dataSource;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final long acquireTimeoutMillis;
    private final Init init;
    private volatile boolean closed;

    /** Prepares a connection the pool has just opened (per-connection settings). */
    @FunctionalInterface
    public interface Init {
        void prepare(Connection connection) throws SQLException;
    }

    public ConnectionPool(DataSource dataSource, int maxSize, long acquireTimeoutMillis) {
        this(dataSource, maxSize, acquireTimeoutMillis, c -> { });
    }

    public ConnectionPool(DataSource dataSource, int maxSize, long acquireTimeoutMillis, Init init) {
        this.dataSource = dataSource;
        this.permits = new Semaphore(maxSize, true);
        this.acquireTimeoutMillis = acquireTimeoutMillis;
        this.init = init;
    }

    public Connection borrow() {
        if (closed) {
            throw new StoreException("the hub store is closed");
        }
        try {
            if (!permits.tryAcquire(acquireTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException("no database connection free after " + acquireTimeoutMillis
                        + " ms; raise the pool size or shorten transactions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection c = idle.pollFirst();
            return c != null ? c : open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw new StoreException("cannot open a database connection", e);
        }
    }

    /**
     * Gives a connection back.
     *
     * @param connection the connection from {@link #borrow()}
     * @param broken     whether it failed in a way that may leave it unusable
     */
    public void giveBack(Connection connection, boolean broken) {
        try {
            if (broken || closed || connection.isClosed()) {
                closeQuietly(connection);
            } else {
                idle.offerFirst(connection);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
        } finally {
            permits.release();
        }
    }

    private Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            init.prepare(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null; ) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection; nothing left to do with it
        }
    }
}
