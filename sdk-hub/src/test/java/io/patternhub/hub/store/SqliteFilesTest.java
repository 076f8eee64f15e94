package io.patternhub.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the SQLite store treats its files: checkpoint interval, and truncating the write-ahead log on demand. */
class SqliteFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyPooledConnectionCheckpointsAtTheConfiguredLogSize() {
        try (HubStore store = HubStore.openSqlite(dir.resolve("a.db"));
             HubStore small = HubStore.builder().sqliteFile(dir.resolve("b.db")).walCheckpointPages(500).build()) {
            assertThat(autocheckpoint(store)).isEqualTo(HubStore.DEFAULT_WAL_CHECKPOINT_PAGES);
            assertThat(autocheckpoint(small)).isEqualTo(500);
        }
        assertThatThrownBy(() -> HubStore.builder().walCheckpointPages(0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("walCheckpointPages");
    }

    @Test
    void purgeEmptiesTheLogAndLeavesTheDataInTheFile() throws Exception {
        Path db = dir.resolve("hub.db");
        try (HubStore store = HubStore.openSqlite(db)) {
            insertPolls(store, 200);
            Path wal = dir.resolve("hub.db-wal");
            assertThat(Files.size(wal)).as("commits went to the log").isPositive();

            assertThat(store.purgeFreedData()).isTrue();

            assertThat(Files.size(wal)).isZero();
            assertThat(count(store)).isEqualTo(200);
        }
    }

    @Test
    void aReaderHoldingTheLogMakesThePurgeFailLoudly() throws Exception {
        Path db = dir.resolve("hub.db");
        try (HubStore store = HubStore.builder().sqliteFile(db).busyTimeout(Duration.ofMillis(50)).build();
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            insertPolls(store, 10);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM poll_cursors")) {
                assertThat(rs.next()).isTrue(); // the read transaction now holds a snapshot in the log
            }
            insertPolls(store, 10);

            assertThatThrownBy(store::purgeFreedData).isInstanceOf(StoreException.class)
                    .hasMessageContaining("write-ahead log could not be truncated");

            reader.rollback();
            assertThat(store.purgeFreedData()).isTrue();
            assertThat(Files.size(dir.resolve("hub.db-wal"))).isZero();
        }
    }

    private static int autocheckpoint(HubStore store) {
        return store.inTransaction(tx -> tx.queryOne("PRAGMA wal_autocheckpoint", rs -> rs.getInt(1))).orElseThrow();
    }

    private static void insertPolls(HubStore store, int n) {
        int first = count(store);
        for (int i = first; i < first + n; i++) {
            int source = i;
            store.inTransaction(tx -> tx.update("INSERT INTO poll_cursors (source, polled_at) VALUES (?, ?)",
                    "src-" + source, tx.now()));
        }
    }

    private static int count(HubStore store) {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM poll_cursors", rs -> rs.getInt(1)))
                .orElseThrow();
    }
}
