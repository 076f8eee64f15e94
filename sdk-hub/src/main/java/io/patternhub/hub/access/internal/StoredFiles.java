package io.patternhub.hub.access.internal;

import io.patternhub.hub.store.HubStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the bytes of a file version: the catalog records each version's {@code file:} location in
 * {@code file_versions} (every version ever imported) and the current one in {@code pattern_files}. A
 * version is servable only while a regular file of the recorded size is at its location.
 */
public final class StoredFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StoredFiles.class);

    private final HubStore store;

    /**
     * @param store the hub store holding the catalog
     */
    public StoredFiles(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The version a signed file URL names, current or superseded.
     *
     * @param sku    the pattern
     * @param name   the file name
     * @param sha256 the version's content hash
     * @return the file, empty if the hub never recorded it or no longer holds its bytes
     */
    public Optional<StoredFile> byHash(String sku, String name, String sha256) {
        Optional<Row> row = store.inTransaction(tx -> tx.queryOne("SELECT location, size_bytes, sha256 FROM file_versions"
                + " WHERE sku = ? AND name = ? AND sha256 = ?", StoredFiles::row, sku, name, sha256));
        if (row.isEmpty()) {
            row = store.inTransaction(tx -> tx.queryOne("SELECT location, size_bytes, sha256 FROM pattern_files"
                    + " WHERE sku = ? AND name = ? AND sha256 = ?", StoredFiles::row, sku, name, sha256));
        }
        return row.flatMap(r -> onDisk(name, r));
    }

    /**
     * The file a download link names: that version label if given (the newest recording of it), else
     * the current file.
     *
     * @param sku     the pattern
     * @param name    the file name
     * @param version the version label, or {@code null} for the current file
     * @return the file, empty if unknown or its bytes are gone
     */
    public Optional<StoredFile> byVersion(String sku, String name, String version) {
        Optional<Row> row = store.inTransaction(tx -> version == null
                ? tx.queryOne("SELECT location, size_bytes, sha256 FROM pattern_files WHERE sku = ? AND name = ?",
                        StoredFiles::row, sku, name)
                : tx.queryOne("SELECT location, size_bytes, sha256 FROM file_versions WHERE sku = ? AND name = ?"
                        + " AND file_version = ? ORDER BY id DESC LIMIT 1", StoredFiles::row, sku, name, version));
        if (row.isEmpty() && version != null) {
            row = store.inTransaction(tx -> tx.queryOne("SELECT location, size_bytes, sha256 FROM pattern_files"
                    + " WHERE sku = ? AND name = ? AND file_version = ?", StoredFiles::row, sku, name, version));
        }
        return row.flatMap(r -> onDisk(name, r));
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getLong(2), rs.getString(3));
    }

    private static Optional<StoredFile> onDisk(String name, Row r) {
        if (r.location == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(r.location);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
        try {
            if (Files.isRegularFile(path) && Files.size(path) == r.size) {
                return Optional.of(new StoredFile(name, r.sha256, r.size, path));
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", path, e.toString());
            return Optional.empty();
        }
        LOG.warn("{} is missing or changed size since the catalog recorded it ({} bytes); not serving it", path, r.size);
        return Optional.empty();
    }

    private record Row(String location, long size, String sha256) {
    }
}
