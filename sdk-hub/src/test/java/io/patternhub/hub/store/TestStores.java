package io.patternhub.hub.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Fresh hub stores for tests, on either vendor: a SQLite file in a temp directory, or a new database
 * on the one embedded PostgreSQL server this test JVM starts on first use (shared by all test
 * classes, stopped when the JVM exits).
 */
public final class TestStores {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgres postgres;

    private TestStores() {
    }

    /**
     * A new, empty, migrated store.
     *
     * @param vendor which database
     * @param clock  the store's clock
     * @return the store; the caller closes it
     */
    public static HubStore fresh(Vendor vendor, Clock clock) {
        return HubStore.builder().dataSource(freshDataSource(vendor)).clock(clock).build();
    }

    /**
     * A data source over a new, empty database (not migrated).
     *
     * @param vendor which database
     * @return the data source
     */
    public static DataSource freshDataSource(Vendor vendor) {
        return vendor == Vendor.SQLITE ? sqliteDataSource() : postgresDataSource();
    }

    /**
     * A second store over the same database as {@code store} (another hub instance).
     *
     * @param store an open store
     * @param clock the new instance's clock
     * @return a store over the same data source
     */
    public static HubStore sameDatabase(HubStore store, Clock clock) {
        return HubStore.builder().dataSource(store.dataSource()).clock(clock).build();
    }

    private static DataSource sqliteDataSource() {
        try {
            Path dir = Files.createTempDirectory("hub-sqlite");
            dir.toFile().deleteOnExit();
            // Opening by file applies WAL, busy timeout and BEGIN IMMEDIATE, exactly as production does.
            HubStore probe = HubStore.builder().sqliteFile(dir.resolve("hub.db")).migrate(false).build();
            probe.close();
            return probe.dataSource();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataSource postgresDataSource() {
        EmbeddedPostgres pg = server();
        String name = "hub_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return pg.getDatabase("postgres", name);
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres pg = postgres;
        if (pg == null) {
            synchronized (TestStores.class) {
                pg = postgres;
                if (pg == null) {
                    pg = startPostgres();
                    EmbeddedPostgres started = pg;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            started.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    postgres = pg;
                }
            }
        }
        return pg;
    }

    /**
     * Starts an embedded server, on a fresh port each attempt. The library picks a free port, runs initdb
     * (seconds on a busy disk) and only then binds it: another process may take the port in between, so a
     * failed start is retried rather than failing the build by chance.
     *
     * @return a running server; the caller closes it
     */
    public static EmbeddedPostgres startPostgres() {
        RuntimeException failure = new IllegalStateException("cannot start embedded PostgreSQL");
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }
}
