package io.patternhub.reliability.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/** Starts the embedded PostgreSQL server of the storm. */
final class PgServer {
    private static final int ATTEMPTS = 3;

    private PgServer() {
    }

    /**
     * A running server, on a fresh port each attempt. The library picks a free port, runs initdb (seconds on a
     * busy disk) and only then binds it: another process may take the port in between, so a failed start is
     * retried rather than failing the build by chance.
     */
    static EmbeddedPostgres start() {
        IllegalStateException failure = new IllegalStateException("cannot start embedded PostgreSQL");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }
}
