package io.patternhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.PrintFormat;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.Tx;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The master catalog in the {@link HubStore}: patterns, their current files, and every file version
 * ever seen. Thread-safe.
 */
public final class CatalogRepository {
    /** The source recorded for patterns imported from a catalog folder or built in code. */
    public static final String SOURCE_HUB = "hub";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> PRICES = new TypeReference<>() { };

    private final HubStore store;
    private final ObjectMapper json = PatternHubJson.newMapper();

    public CatalogRepository(HubStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What {@link #save} did. */
    public enum Outcome {
        /** The SKU was new. */
        ADDED,
        /** The content differed (or the pattern was inactive) and was replaced. */
        CHANGED,
        /** The content was identical; nothing was written. */
        UNCHANGED
    }

    /**
     * The outcome of a save.
     *
     * @param outcome         added, changed or unchanged
     * @param newFileVersions file versions recorded for the first time
     */
    public record SaveResult(Outcome outcome, List<FileVersion> newFileVersions) {
    }

    /**
     * Stores a pattern as the current version of its SKU, recording file versions not seen before.
     *
     * @param pattern the pattern
     * @param source  where it came from ({@link #SOURCE_HUB} or a storefront id)
     * @return what changed
     */
    public SaveResult save(Pattern pattern, String source) {
        return store.inTransaction(tx -> save(tx, pattern, source));
    }

    /**
     * {@link #save(Pattern, String)} inside the caller's transaction.
     *
     * @param tx      the transaction
     * @param pattern the pattern
     * @param source  where it came from
     * @return what changed
     * @throws SQLException if the database fails
     */
    public SaveResult save(Tx tx, Pattern pattern, String source) throws SQLException {
        String hash = ContentHashes.pattern(pattern);
        Optional<String[]> existing = tx.queryOne("SELECT content_hash, active FROM patterns WHERE sku = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, pattern.sku());
        if (existing.isPresent() && existing.get()[0].equals(hash) && "1".equals(existing.get()[1])) {
            return new SaveResult(Outcome.UNCHANGED, List.of());
        }
        Instant now = tx.now();
        tx.update("INSERT INTO patterns (sku, title, description, craft, tags_json, prices_json, images_json, version,"
                + " change_notes, content_hash, source, active, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"
                + " ON CONFLICT (sku) DO UPDATE SET title = excluded.title, description = excluded.description,"
                + " craft = excluded.craft, tags_json = excluded.tags_json, prices_json = excluded.prices_json,"
                + " images_json = excluded.images_json, version = excluded.version, change_notes = excluded.change_notes,"
                + " content_hash = excluded.content_hash, source = excluded.source, active = 1,"
                + " updated_at = excluded.updated_at",
                pattern.sku(), pattern.title(), pattern.description(), pattern.craft(), write(pattern.tags()),
                write(prices(pattern)), write(pattern.images().stream().map(URI::toString).toList()), pattern.version(),
                pattern.changeNotes().orElse(null), hash, source, now, now);
        tx.update("DELETE FROM pattern_files WHERE sku = ?", pattern.sku());
        List<FileVersion> fresh = new ArrayList<>();
        int position = 0;
        for (PatternFile f : pattern.files()) {
            tx.update("INSERT INTO pattern_files (sku, name, position, media_type, size_bytes, sha256, file_version,"
                    + " print_format, language, size_range, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    pattern.sku(), f.name(), position++, f.mediaType(), f.sizeBytes(), f.sha256(), f.version(),
                    f.printFormat(), f.language().orElse(null), f.sizeRange().orElse(null),
                    f.location().map(URI::toString).orElse(null));
            int inserted = tx.update("INSERT INTO file_versions (sku, name, file_version, sha256, size_bytes, location,"
                    + " change_notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    pattern.sku(), f.name(), f.version(), f.sha256(), f.sizeBytes(),
                    f.location().map(URI::toString).orElse(null), pattern.changeNotes().orElse(null), now);
            if (inserted == 1 && existing.isPresent()) {
                fresh.add(new FileVersion(pattern.sku(), f.name(), f.version(), f.sha256(), f.sizeBytes(),
                        pattern.changeNotes(), now));
            }
        }
        return new SaveResult(existing.isPresent() ? Outcome.CHANGED : Outcome.ADDED, fresh);
    }

    /**
     * The current version of a pattern, active or not.
     *
     * @param sku the SKU
     * @return the pattern, or empty if the hub never had it
     */
    public Optional<Pattern> find(String sku) {
        return store.inTransaction(tx -> find(tx, sku));
    }

    /**
     * {@link #find(String)} inside the caller's transaction.
     *
     * @param tx  the transaction
     * @param sku the SKU
     * @return the pattern
     * @throws SQLException if the database fails
     */
    public Optional<Pattern> find(Tx tx, String sku) throws SQLException {
        List<Pattern> found = load(tx, "WHERE sku = ?", sku);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every active pattern, by SKU. */
    public List<Pattern> activePatterns() {
        return store.inTransaction(tx -> load(tx, "WHERE active = 1"));
    }

    /**
     * The content hash of a pattern's current version.
     *
     * @param tx  the transaction
     * @param sku the SKU
     * @return the hash, empty if the pattern is unknown or inactive
     * @throws SQLException if the database fails
     */
    public Optional<String> activeContentHash(Tx tx, String sku) throws SQLException {
        return tx.queryOne("SELECT content_hash FROM patterns WHERE sku = ? AND active = 1", rs -> rs.getString(1), sku);
    }

    /**
     * Marks inactive every active pattern of a source whose SKU is not in {@code keep}.
     *
     * @param keep   the SKUs still present in the source
     * @param source the source
     * @return the SKUs made inactive
     */
    public List<String> deactivateMissing(Set<String> keep, String source) {
        return store.inTransaction(tx -> {
            List<String> gone = new ArrayList<>();
            for (String sku : tx.query("SELECT sku FROM patterns WHERE active = 1 AND source = ? ORDER BY sku",
                    rs -> rs.getString(1), source)) {
                if (!keep.contains(sku)) {
                    tx.update("UPDATE patterns SET active = 0, updated_at = ? WHERE sku = ?", tx.now(), sku);
                    gone.add(sku);
                }
            }
            return gone;
        });
    }

    /**
     * Every recorded version of a pattern's files, oldest first.
     *
     * @param sku the SKU
     * @return the versions
     */
    public List<FileVersion> fileVersions(String sku) {
        return store.inTransaction(tx -> tx.query("SELECT * FROM file_versions WHERE sku = ? ORDER BY id",
                rs -> new FileVersion(rs.getString("sku"), rs.getString("name"), rs.getString("file_version"),
                        rs.getString("sha256"), rs.getLong("size_bytes"), Optional.ofNullable(rs.getString("change_notes")),
                        Tx.instant(rs, "created_at")), sku));
    }

    private List<Pattern> load(Tx tx, String where, Object... args) throws SQLException {
        Map<String, List<PatternFile>> files = new HashMap<>();
        tx.query("SELECT * FROM pattern_files WHERE sku IN (SELECT sku FROM patterns " + where + ") ORDER BY sku, position",
                rs -> files.computeIfAbsent(rs.getString("sku"), k -> new ArrayList<>()).add(file(rs)), args);
        return tx.query("SELECT * FROM patterns " + where + " ORDER BY sku", rs -> pattern(rs, files), args);
    }

    private Pattern pattern(ResultSet rs, Map<String, List<PatternFile>> files) throws SQLException {
        String sku = rs.getString("sku");
        var b = Pattern.builder().sku(sku).title(rs.getString("title")).description(rs.getString("description"))
                .craft(Craft.valueOf(rs.getString("craft"))).version(rs.getString("version"))
                .addAllTags(read(rs.getString("tags_json"), STRINGS))
                .addAllFiles(files.getOrDefault(sku, List.of()));
        read(rs.getString("prices_json"), PRICES).forEach((cur, amount) -> b.addPrices(Money.of(amount, cur)));
        read(rs.getString("images_json"), STRINGS).forEach(u -> b.addImages(URI.create(u)));
        Optional.ofNullable(rs.getString("change_notes")).ifPresent(b::changeNotes);
        return b.build();
    }

    private static PatternFile file(ResultSet rs) throws SQLException {
        var b = PatternFile.builder().name(rs.getString("name")).mediaType(rs.getString("media_type"))
                .sizeBytes(rs.getLong("size_bytes")).sha256(rs.getString("sha256"))
                .version(rs.getString("file_version")).printFormat(PrintFormat.valueOf(rs.getString("print_format")));
        Optional.ofNullable(rs.getString("language")).ifPresent(b::language);
        Optional.ofNullable(rs.getString("size_range")).ifPresent(b::sizeRange);
        Optional.ofNullable(rs.getString("location")).map(URI::create).ifPresent(b::location);
        return b.build();
    }

    private static Map<String, String> prices(Pattern p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.prices().forEach(m -> out.put(m.currencyCode(), m.amount().toPlainString()));
        return out;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value, e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt JSON column: " + text, e);
        }
    }
}
