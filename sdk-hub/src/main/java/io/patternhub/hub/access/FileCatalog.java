package io.patternhub.hub.access;

import java.util.List;
import java.util.Optional;

/**
 * What the buyer of a pattern may download: its current files. {@link StoreFileCatalog} reads the
 * hub's master catalog.
 */
public interface FileCatalog {

    /**
     * A file as it is now in the catalog.
     *
     * @param name    the file name
     * @param version the file's version
     */
    record CatalogFile(String name, String version) {
    }

    /**
     * The pattern's title, for messages.
     *
     * @param sku the pattern
     * @return the title, if the pattern is known
     */
    Optional<String> title(String sku);

    /**
     * The pattern's current files, in catalog order.
     *
     * @param sku the pattern
     * @return the files; empty if the pattern is unknown
     */
    List<CatalogFile> currentFiles(String sku);
}
