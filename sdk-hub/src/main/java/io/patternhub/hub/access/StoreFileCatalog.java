package io.patternhub.hub.access;

import io.patternhub.hub.store.HubStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link FileCatalog} of the hub's master catalog ({@code patterns} and {@code pattern_files}). */
public final class StoreFileCatalog implements FileCatalog {
    private final HubStore store;

    /**
     * Reads from a store.
     *
     * @param store the hub store
     */
    public StoreFileCatalog(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<String> title(String sku) {
        return store.inTransaction(tx -> tx.queryOne("SELECT title FROM patterns WHERE sku = ?", rs -> rs.getString(1), sku));
    }

    @Override
    public List<CatalogFile> currentFiles(String sku) {
        return store.inTransaction(tx -> tx.query("SELECT name, file_version FROM pattern_files WHERE sku = ?"
                + " ORDER BY position, name", rs -> new CatalogFile(rs.getString("name"), rs.getString("file_version")), sku));
    }
}
