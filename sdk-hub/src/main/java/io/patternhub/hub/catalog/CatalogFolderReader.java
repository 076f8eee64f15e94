package io.patternhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.PrintFormat;
import io.patternhub.hub.catalog.internal.PatternYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a catalog folder: one sub-folder per pattern, each with a {@code pattern.yaml} and the files it
 * lists (the format is documented in the module's README). Files are hashed by streaming, never loaded
 * whole. A bad file fails with a {@link CatalogException} naming the file and line. Stateless and
 * thread-safe.
 */
public final class CatalogFolderReader {
    /** The descriptor file each pattern folder holds. */
    public static final String DESCRIPTOR = "pattern.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads every pattern folder under a root, in folder-name order. Sub-folders without a
     * {@code pattern.yaml} are refused, so a misnamed file is not silently skipped.
     *
     * @param root the catalog folder
     * @return the patterns
     * @throws CatalogException if a folder or file is wrong, or two folders share a SKU
     */
    public List<Pattern> read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CatalogException(root, 0, "not a catalog folder (expected one sub-folder per pattern)", null);
        }
        List<Path> dirs;
        try (Stream<Path> children = Files.list(root)) {
            dirs = children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new CatalogException(root, 0, "cannot list the catalog folder: " + e.getMessage(), e);
        }
        List<Pattern> patterns = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (Path dir : dirs) {
            Pattern p = readPattern(dir);
            if (!skus.add(p.sku())) {
                Path file = dir.resolve(DESCRIPTOR);
                throw new CatalogException(file, lineOf(file, "sku:"), "SKU " + p.sku()
                        + " is used by another pattern folder too; SKUs must be unique", null);
            }
            patterns.add(p);
        }
        return patterns;
    }

    /**
     * Reads one pattern folder.
     *
     * @param dir the folder holding {@code pattern.yaml}
     * @return the pattern, its files located in the folder
     * @throws CatalogException if the descriptor or a file is wrong
     */
    public Pattern readPattern(Path dir) {
        Path file = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(file)) {
            throw new CatalogException(file, 0, "missing; every pattern folder needs a " + DESCRIPTOR, null);
        }
        PatternYaml y;
        try {
            y = yaml.readValue(file.toFile(), PatternYaml.class);
        } catch (UnrecognizedPropertyException e) {
            // Jackson reports where the record was built (its end); point at the key itself
            int line = lineOf(file, e.getPropertyName() + ":");
            throw new CatalogException(file, line > 0 ? line : e.getLocation().getLineNr(), "unknown key '"
                    + e.getPropertyName() + "'; known keys: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CatalogException(file, line, "invalid " + DESCRIPTOR + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        if (y == null) {
            throw new CatalogException(file, 0, "is empty; it needs at least sku, title, prices and files", null);
        }
        for (String[] required : new String[][] {{"sku", y.sku()}, {"title", y.title()}}) {
            if (required[1] == null || required[1].isBlank()) {
                throw new CatalogException(file, lineOf(file, required[0] + ":"), required[0] + " is missing or empty", null);
            }
        }
        if (y.prices() == null || y.files() == null) {
            throw new CatalogException(file, 0, "prices and files are required", null);
        }
        try {
            return toPattern(dir, file, y);
        } catch (InvalidModelException e) {
            throw new CatalogException(file, 0, e.getMessage(), e);
        }
    }

    private Pattern toPattern(Path dir, Path file, PatternYaml y) {
        var b = Pattern.builder().sku(y.sku().trim()).title(y.title().trim())
                .description(y.description() == null ? "" : y.description().strip())
                .craft(craft(file, y.craft()))
                .version(y.version() == null ? "1" : y.version());
        if (y.tags() != null) {
            b.addAllTags(y.tags());
        }
        if (y.changeNotes() != null) {
            b.changeNotes(y.changeNotes().strip());
        }
        if (y.images() != null) {
            for (String image : y.images()) {
                b.addImages(URI.create(image));
            }
        }
        if (y.prices().isEmpty()) {
            throw new CatalogException(file, lineOf(file, "prices:"), "prices is empty; give at least one, e.g. USD: \"9.00\"", null);
        }
        for (Map.Entry<String, String> price : y.prices().entrySet()) {
            b.addPrices(money(file, price.getKey(), price.getValue()));
        }
        if (y.files().isEmpty()) {
            throw new CatalogException(file, lineOf(file, "files:"), "files is empty; list at least one file", null);
        }
        Path base = dir.toAbsolutePath().normalize();
        for (PatternYaml.FileYaml f : y.files()) {
            if (f == null || f.path() == null || f.path().isBlank()) {
                throw new CatalogException(file, lineOf(file, "files:"), "every entry of files needs a path", null);
            }
            b.addFiles(patternFile(file, base, f, y.version() == null ? "1" : y.version()));
        }
        return b.build();
    }

    private PatternFile patternFile(Path file, Path base, PatternYaml.FileYaml f, String patternVersion) {
        Path path = base.resolve(f.path()).normalize();
        int line = lineOf(file, f.path());
        if (!path.startsWith(base)) {
            throw new CatalogException(file, line, "file path '" + f.path() + "' leaves the pattern folder", null);
        }
        if (!Files.isRegularFile(path)) {
            throw new CatalogException(file, line, "file '" + f.path() + "' does not exist in " + base, null);
        }
        var b = PatternFile.fromPath(path)
                .printFormat(printFormat(file, line, f.printFormat()))
                .version(f.version() == null ? patternVersion : f.version());
        if (f.name() != null) {
            b.name(f.name());
        }
        if (f.sizeRange() != null) {
            b.sizeRange(f.sizeRange());
        }
        if (f.language() != null) {
            b.language(f.language());
        }
        try {
            return b.build();
        } catch (UncheckedIOException e) {
            throw new CatalogException(file, line, "cannot read file '" + f.path() + "': " + e.getMessage(), e);
        }
    }

    private static Craft craft(Path file, String value) {
        if (value == null) {
            return Craft.OTHER;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Craft.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(file, lineOf(file, "craft:"), "unknown craft '" + value + "'; use one of "
                    + List.of(Craft.values()).toString().toLowerCase(Locale.ROOT), e);
        }
    }

    private static PrintFormat printFormat(Path file, int line, String value) {
        if (value == null) {
            return PrintFormat.OTHER;
        }
        try {
            return PrintFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CatalogException(file, lineOf(file, "print_format: " + value), "unknown print_format '" + value
                    + "'; use one of " + List.of(PrintFormat.values()), e);
        }
    }

    private static Money money(Path file, String currency, String amount) {
        try {
            return Money.of(amount, currency.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new CatalogException(file, lineOf(file, currency + ":"), "invalid price " + currency + ": '" + amount
                    + "'; write an ISO 4217 code and a decimal string, e.g. USD: \"9.00\"", e);
        }
    }

    /** The first line containing a text, to point at the spot of a semantic error; 0 if not found. */
    static int lineOf(Path file, String needle) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle)) {
                    return i + 1;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        return 0;
    }
}
