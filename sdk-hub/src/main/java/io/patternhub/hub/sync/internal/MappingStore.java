package io.patternhub.hub.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** SQL for listing and file mappings. */
public final class MappingStore {
    public static final String CREATING = "CREATING";
    public static final String LISTED = "LISTED";
    public static final String DEACTIVATED = "DEACTIVATED";

    private final ObjectMapper json = PatternHubJson.newMapper();

    /** A listing mapping row. */
    public record ListingRow(String sku, String platform, String externalId, String fieldsHash, ListingFields fields,
            String pendingHash, ListingFields pendingFields, String state) {
    }

    /** A file mapping row. */
    public record FileRow(String name, String externalFileId, String sha256, String pendingSha256,
            String staleExternalId) {
    }

    public Optional<ListingRow> listing(Tx tx, String target, String sku) throws SQLException {
        return tx.queryOne("SELECT * FROM listing_mappings WHERE storefront_id = ? AND sku = ?", this::listingRow,
                target, sku);
    }

    public Map<String, ListingRow> listings(Tx tx, String target) throws SQLException {
        Map<String, ListingRow> out = new LinkedHashMap<>();
        for (ListingRow r : tx.query("SELECT * FROM listing_mappings WHERE storefront_id = ? ORDER BY sku",
                this::listingRow, target)) {
            out.put(r.sku(), r);
        }
        return out;
    }

    public Map<String, FileRow> files(Tx tx, String target, String sku) throws SQLException {
        Map<String, FileRow> out = new LinkedHashMap<>();
        for (FileRow r : tx.query("SELECT * FROM listing_file_mappings WHERE storefront_id = ? AND sku = ? ORDER BY name",
                MappingStore::fileRow, target, sku)) {
            out.put(r.name(), r);
        }
        return out;
    }

    public Map<String, Map<String, FileRow>> allFiles(Tx tx, String target) throws SQLException {
        Map<String, Map<String, FileRow>> out = new HashMap<>();
        tx.query("SELECT * FROM listing_file_mappings WHERE storefront_id = ? ORDER BY sku, name", rs -> {
            out.computeIfAbsent(rs.getString("sku"), k -> new LinkedHashMap<>()).put(rs.getString("name"), fileRow(rs));
            return null;
        }, target);
        return out;
    }

    /** Records the intent to create: the fields about to be sent. */
    public void intendCreate(Tx tx, String target, String sku, String platform, ListingFields fields) throws SQLException {
        tx.update("INSERT INTO listing_mappings (storefront_id, sku, platform, state, pending_fields_hash,"
                + " pending_fields_json, updated_at) VALUES (?, ?, ?, 'CREATING', ?, ?, ?)"
                + " ON CONFLICT (storefront_id, sku) DO UPDATE SET pending_fields_hash = excluded.pending_fields_hash,"
                + " pending_fields_json = excluded.pending_fields_json, state = 'CREATING', updated_at = excluded.updated_at",
                target, sku, platform, fields.hash(), write(fields), tx.now());
    }

    /** Records a confirmed listing and the fields it now carries. */
    public void listed(Tx tx, String target, String sku, String externalId, ListingFields fields) throws SQLException {
        tx.update("UPDATE listing_mappings SET external_id = ?, fields_hash = ?, fields_json = ?,"
                + " pending_fields_hash = NULL, pending_fields_json = NULL, state = 'LISTED', updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ?", externalId, fields.hash(), write(fields), tx.now(), target, sku);
    }

    /** Records a listing adopted from the storefront (source of truth), creating the mapping. */
    public void adopt(Tx tx, String target, String sku, String platform, String externalId, ListingFields fields,
            String state) throws SQLException {
        tx.update("INSERT INTO listing_mappings (storefront_id, sku, platform, external_id, fields_hash, fields_json,"
                + " state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storefront_id, sku) DO UPDATE SET"
                + " external_id = excluded.external_id, fields_hash = excluded.fields_hash,"
                + " fields_json = excluded.fields_json, state = excluded.state, pending_fields_hash = NULL,"
                + " pending_fields_json = NULL, updated_at = excluded.updated_at",
                target, sku, platform, externalId, fields.hash(), write(fields), state, tx.now());
    }

    public void updated(Tx tx, String target, String sku, ListingFields fields) throws SQLException {
        tx.update("UPDATE listing_mappings SET fields_hash = ?, fields_json = ?, updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ?", fields.hash(), write(fields), tx.now(), target, sku);
    }

    public void state(Tx tx, String target, String sku, String state) throws SQLException {
        tx.update("UPDATE listing_mappings SET state = ?, updated_at = ? WHERE storefront_id = ? AND sku = ?",
                state, tx.now(), target, sku);
    }

    public void intendAttach(Tx tx, String target, String sku, String name, String sha256) throws SQLException {
        tx.update("INSERT INTO listing_file_mappings (storefront_id, sku, name, pending_sha256, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (storefront_id, sku, name) DO UPDATE SET"
                + " pending_sha256 = excluded.pending_sha256, updated_at = excluded.updated_at",
                target, sku, name, sha256, tx.now());
    }

    /** The pending attach happened: the new file replaces the old one, which becomes stale (to remove). */
    public void attached(Tx tx, String target, String sku, FileRow before, String newExternalId) throws SQLException {
        String stale = before.externalFileId() != null && !before.externalFileId().equals(newExternalId)
                ? before.externalFileId() : before.staleExternalId();
        tx.update("UPDATE listing_file_mappings SET external_file_id = ?, sha256 = pending_sha256,"
                + " pending_sha256 = NULL, stale_external_id = ?, updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ? AND name = ?", newExternalId, stale, tx.now(), target, sku,
                before.name());
    }

    /** The pending replacement is done: the new file is attached and the old one gone. */
    public void replaced(Tx tx, String target, String sku, String name, String newExternalId) throws SQLException {
        tx.update("UPDATE listing_file_mappings SET external_file_id = ?, sha256 = pending_sha256,"
                + " pending_sha256 = NULL, stale_external_id = NULL, updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ? AND name = ?", newExternalId, tx.now(), target, sku, name);
    }

    /** The pending attach did not happen. */
    public void attachAbandoned(Tx tx, String target, String sku, String name) throws SQLException {
        tx.update("UPDATE listing_file_mappings SET pending_sha256 = NULL, updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ? AND name = ?", tx.now(), target, sku, name);
        tx.update("DELETE FROM listing_file_mappings WHERE storefront_id = ? AND sku = ? AND name = ?"
                + " AND external_file_id IS NULL AND stale_external_id IS NULL", target, sku, name);
    }

    public void staleRemoved(Tx tx, String target, String sku, String name) throws SQLException {
        tx.update("UPDATE listing_file_mappings SET stale_external_id = NULL, updated_at = ?"
                + " WHERE storefront_id = ? AND sku = ? AND name = ?", tx.now(), target, sku, name);
    }

    public void fileRemoved(Tx tx, String target, String sku, String name) throws SQLException {
        tx.update("DELETE FROM listing_file_mappings WHERE storefront_id = ? AND sku = ? AND name = ?",
                target, sku, name);
    }

    /** Records a file adopted from the storefront (source of truth). */
    public void adoptFile(Tx tx, String target, String sku, String name, String externalId, String sha256)
            throws SQLException {
        tx.update("INSERT INTO listing_file_mappings (storefront_id, sku, name, external_file_id, sha256, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (storefront_id, sku, name) DO UPDATE SET"
                + " external_file_id = excluded.external_file_id, sha256 = excluded.sha256, pending_sha256 = NULL,"
                + " updated_at = excluded.updated_at", target, sku, name, externalId, sha256, tx.now());
    }

    private ListingRow listingRow(ResultSet rs) throws SQLException {
        return new ListingRow(rs.getString("sku"), rs.getString("platform"), rs.getString("external_id"),
                rs.getString("fields_hash"), read(rs.getString("fields_json")), rs.getString("pending_fields_hash"),
                read(rs.getString("pending_fields_json")), rs.getString("state"));
    }

    private static FileRow fileRow(ResultSet rs) throws SQLException {
        return new FileRow(rs.getString("name"), rs.getString("external_file_id"), rs.getString("sha256"),
                rs.getString("pending_sha256"), rs.getString("stale_external_id"));
    }

    private String write(ListingFields fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode listing fields", e);
        }
    }

    private ListingFields read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, ListingFields.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt listing fields column: " + text, e);
        }
    }
}
