package io.patternhub.hub.store;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.hub.store.internal.ConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The hub's durable store over JDBC: the master catalog, listing mappings, the outbox, the webhook
 * inbox, orders, customers, entitlements and the rest. The schema is created and upgraded by Flyway
 * from {@code db/migration/sqlite} or {@code db/migration/postgresql}, plus {@code db/migration/common} (SQL both
 * accept), when the store opens.
 *
 * <pre>{@code
 * HubStore store = HubStore.openSqlite(Path.of("hub.db"));                  // embedded default
 * HubStore shared = HubStore.builder().dataSource(pgDataSource).build();    // several hub instances
 * String title = store.inTransaction(tx -> tx.queryOne(
 *         "SELECT title FROM patterns WHERE sku = ?", rs -> rs.getString(1), "TEE-01").orElse("?"));
 * }</pre>
 *
 * <p>SQLite runs as a file in WAL mode with a busy timeout, and every transaction takes the write
 * lock when it begins ({@code BEGIN IMMEDIATE}) so two writers never deadlock on a lock upgrade.
 * PostgreSQL is for several hub instances sharing the outbox and inbox through {@link LeaseQueue}.
 * Thread-safe; close it to release its connections.
 */
public final class HubStore implements AutoCloseable {
    /** The default of {@link Builder#walCheckpointPages(int)}. */
    public static final int DEFAULT_WAL_CHECKPOINT_PAGES = 8_000;

    private final Vendor vendor;
    private final Clock clock;
    private final DataSource dataSource;
    private final ConnectionPool pool;

    private HubStore(Builder b) {
        this.clock = b.clock;
        if (b.dataSource != null) {
            this.dataSource = b.dataSource;
            this.vendor = detectVendor(b.dataSource);
        } else if (b.sqliteFile != null) {
            this.vendor = Vendor.SQLITE;
            this.dataSource = sqlite("jdbc:sqlite:" + b.sqliteFile.toAbsolutePath(), b.busyTimeout);
        } else if (b.jdbcUrl != null) {
            this.vendor = Vendor.ofJdbcUrl(b.jdbcUrl);
            this.dataSource = vendor == Vendor.SQLITE ? sqlite(b.jdbcUrl, b.busyTimeout)
                    : postgres(b.jdbcUrl, b.user, b.password);
        } else {
            throw config("set one of sqliteFile(Path), jdbcUrl(String) or dataSource(DataSource)", null);
        }
        int poolSize = b.poolSize > 0 ? b.poolSize : (vendor == Vendor.SQLITE ? 4 : 8);
        int checkpointPages = b.walCheckpointPages;
        this.pool = vendor == Vendor.SQLITE
                ? new ConnectionPool(dataSource, poolSize, b.acquireTimeout.toMillis(), c -> {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("PRAGMA wal_autocheckpoint = " + checkpointPages);
                    }
                })
                : new ConnectionPool(dataSource, poolSize, b.acquireTimeout.toMillis());
        if (b.migrate) {
            migrate();
        }
    }

    /**
     * Opens (creating if needed) the embedded SQLite store in a file and migrates it.
     *
     * @param file the database file, e.g. {@code hub.db}
     * @return the store
     */
    public static HubStore openSqlite(Path file) {
        return builder().sqliteFile(file).build();
    }

    /**
     * Opens the store at a JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}) and migrates it.
     *
     * @param jdbcUrl the URL; a PostgreSQL URL may carry {@code user} and {@code password} parameters
     * @return the store
     */
    public static HubStore open(String jdbcUrl) {
        return builder().jdbcUrl(jdbcUrl).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The clock used for leases, timestamps and expiry. */
    public Clock clock() {
        return clock;
    }

    /** The underlying data source (not pooled by the hub). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Applies pending migrations; done by {@link Builder#build()} unless turned off. */
    public void migrate() {
        try {
            Flyway.configure(HubStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(vendor.migrationLocations())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("migrating the hub store (" + vendor + ") failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param work the work
     * @param <T>  its result type
     * @return what the work returned
     * @throws StoreException if the database fails (an {@link SQLException} is wrapped)
     */
    public <T> T inTransaction(TxWork<T> work) {
        Objects.requireNonNull(work, "work");
        Connection c = pool.borrow();
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(new Tx(c, vendor, clock));
            c.commit();
            return result;
        } catch (SQLException e) {
            broken = !rollback(c) || isConnectionError(e);
            throw new StoreException("hub store transaction failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            broken = !rollback(c);
            throw e;
        } finally {
            // back to auto-commit: sqlite-jdbc would otherwise begin the next IMMEDIATE transaction at
            // once and hold the write lock while the connection sits idle in the pool
            broken |= !autoCommit(c);
            pool.giveBack(c, broken);
        }
    }

    /**
     * Makes data that transactions deleted or overwrote unreadable from the database files; call it after
     * erasing personal data (PrivacyService does). On SQLite, freed cell content is zeroed as it is freed
     * ({@code secure_delete}), but older images of the same pages stay in the write-ahead log and, until a
     * checkpoint copies the new images over them, in the main file: this checkpoints every frame into the
     * file and truncates the log to zero bytes. It waits (up to the busy timeout) for transactions that
     * are still reading old frames. On PostgreSQL it does nothing and returns false: dead row versions stay
     * until the server's vacuum reuses their space.
     *
     * @return true if the files were scrubbed, false on a vendor where this does nothing
     * @throws StoreException if a reader kept the log busy past the busy timeout (the data is erased from
     *                        every table; call this again to clear the log)
     */
    public boolean purgeFreedData() {
        if (vendor != Vendor.SQLITE) {
            return false;
        }
        Connection c = pool.borrow();
        boolean broken = false;
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (!rs.next() || rs.getInt(1) != 0) {
                throw new StoreException("the SQLite write-ahead log could not be truncated: another connection was"
                        + " still reading it; erased data may remain in hub.db-wal until this succeeds, call it again");
            }
            return true;
        } catch (SQLException e) {
            broken = isConnectionError(e);
            throw new StoreException("scrubbing freed data from the SQLite files failed: " + e.getMessage(), e);
        } finally {
            pool.giveBack(c, broken);
        }
    }

    /**
     * A lease queue over a table that has the lease columns (see {@link LeaseQueue}).
     *
     * @param table the table name
     * @return the queue
     */
    public LeaseQueue leaseQueue(String table) {
        return new LeaseQueue(this, table);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "HubStore[" + vendor + "]";
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static Vendor detectVendor(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return Vendor.ofProductName(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the hub database to detect its vendor", e);
        }
    }

    private static DataSource sqlite(String url, Duration busyTimeout) {
        String path = url.substring("jdbc:sqlite:".length());
        if (path.isBlank() || path.contains(":memory:") || path.startsWith("file::memory")) {
            throw config("the SQLite hub store needs a file (WAL mode, shared by connections), not '" + url + "'", null);
        }
        Path parent = Path.of(path.replaceFirst("^file:", "").replaceFirst("\\?.*$", ""))
                .toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw config("cannot create the directory for " + url, e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        cfg.enforceForeignKeys(true);
        // Erased buyers and cleared webhook payloads must not linger in freed cells and pages of the file
        // (older images of a page still sit in the WAL: purgeFreedData() checkpoints and truncates it).
        // Measured: no extra bytes written and no extra CPU per stored webhook (docs/BENCHMARKS.md).
        cfg.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(url);
        return ds;
    }

    private static DataSource postgres(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    private static ConfigurationException config(String message, Throwable cause) {
        return new ConfigurationException(message, ErrorContext.empty(), cause);
    }

    /** Configures a {@link HubStore}: exactly one of a SQLite file, a JDBC URL or a data source. */
    public static final class Builder {
        private Path sqliteFile;
        private String jdbcUrl;
        private String user;
        private String password;
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private int poolSize;
        private Duration busyTimeout = Duration.ofSeconds(30);
        private Duration acquireTimeout = Duration.ofSeconds(60);
        private boolean migrate = true;
        private int walCheckpointPages = DEFAULT_WAL_CHECKPOINT_PAGES;

        private Builder() {
        }

        /**
         * @param file the SQLite database file (created if missing)
         * @return this builder
         */
        public Builder sqliteFile(Path file) {
            this.sqliteFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db}
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /**
         * @param user     the PostgreSQL user for {@link #jdbcUrl}
         * @param password its password
         * @return this builder
         */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * @param dataSource a data source for SQLite or PostgreSQL (the vendor is detected)
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * @param clock the clock for leases and timestamps (tests pass a manual clock)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param poolSize most connections open at once (default 4 for SQLite, 8 for PostgreSQL)
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw config("poolSize must be at least 1, was " + poolSize, null);
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * @param busyTimeout how long a SQLite writer waits for the write lock (default 30 s)
         * @return this builder
         */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
            return this;
        }

        /**
         * How many pages the SQLite write-ahead log may hold before the committing connection copies them
         * into the database file (SQLite's {@code wal_autocheckpoint}; default {@value #DEFAULT_WAL_CHECKPOINT_PAGES},
         * about 32 MiB with 4 KiB pages, where SQLite's own default is 1,000). Every checkpoint flushes the
         * log and the file to disk ({@code fsync}) inside the commit that triggers it, so a small value makes
         * the receiving thread wait on the disk often; a large one makes those waits rarer but longer and
         * the log file bigger. Ignored on PostgreSQL.
         *
         * @param pages at least 1
         * @return this builder
         */
        public Builder walCheckpointPages(int pages) {
            if (pages < 1) {
                throw config("walCheckpointPages must be at least 1, was " + pages, null);
            }
            this.walCheckpointPages = pages;
            return this;
        }

        /**
         * @param migrate whether {@link #build()} applies migrations (default true)
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Opens the store and, unless turned off, migrates it.
         *
         * @return the store
         * @throws ConfigurationException if the configuration is incomplete or contradictory
         * @throws StoreException if the database cannot be reached or migrated
         */
        public HubStore build() {
            int sources = (sqliteFile != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0) + (dataSource != null ? 1 : 0);
            if (sources > 1) {
                throw config("set only one of sqliteFile, jdbcUrl or dataSource", null);
            }
            return new HubStore(this);
        }
    }
}
