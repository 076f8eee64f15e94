package io.patternhub.hub.catalog;

import io.patternhub.core.model.Pattern;
import io.patternhub.hub.store.HubStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The hub's master catalog: import from a catalog folder, then read it back for sync.
 *
 * <pre>{@code
 * Catalog catalog = new Catalog(store);
 * ImportReport report = catalog.importFolder(Path.of("catalog"), true);
 * report.newFileVersions().forEach(v -> announce(v));   // corrected charts, new size ranges
 * }</pre>
 */
public final class Catalog {
    private final CatalogRepository repository;
    private final CatalogFolderReader reader = new CatalogFolderReader();

    public Catalog(HubStore store) {
        this.repository = new CatalogRepository(Objects.requireNonNull(store, "store"));
    }

    public CatalogRepository repository() {
        return repository;
    }

    /**
     * Imports every pattern of a catalog folder. The folder is read and validated whole before anything
     * is written, so a bad {@code pattern.yaml} changes nothing.
     *
     * @param root          the catalog folder (one sub-folder per pattern)
     * @param removeMissing whether patterns imported earlier but no longer in the folder become inactive
     *                      (their listings are then deactivated by the next sync)
     * @return what changed
     * @throws CatalogException if the folder or a descriptor is wrong
     */
    public ImportReport importFolder(Path root, boolean removeMissing) {
        return importPatterns(reader.read(root), removeMissing);
    }

    /**
     * Imports patterns built in code, as the hub's own catalog.
     *
     * @param patterns      the patterns
     * @param removeMissing whether hub patterns not in the list become inactive
     * @return what changed
     */
    public ImportReport importPatterns(List<Pattern> patterns, boolean removeMissing) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<FileVersion> versions = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (Pattern p : patterns) {
            skus.add(p.sku());
            CatalogRepository.SaveResult r = repository.save(p, CatalogRepository.SOURCE_HUB);
            switch (r.outcome()) {
                case ADDED -> added.add(p.sku());
                case CHANGED -> changed.add(p.sku());
                default -> unchanged.add(p.sku());
            }
            versions.addAll(r.newFileVersions());
        }
        List<String> removed = removeMissing
                ? repository.deactivateMissing(skus, CatalogRepository.SOURCE_HUB) : List.of();
        return new ImportReport(added, changed, unchanged, removed, versions);
    }
}
