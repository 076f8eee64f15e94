package io.patternhub.hub.catalog;

import java.util.List;

/**
 * What an import changed in the hub's catalog.
 *
 * @param added           SKUs new to the hub
 * @param changed         SKUs whose content changed
 * @param unchanged       SKUs already up to date
 * @param removed         SKUs no longer in the source, now inactive (only when asked to remove missing ones)
 * @param newFileVersions file versions the hub had not seen before, for patterns that already existed
 *                        (the ones past buyers should hear about)
 */
public record ImportReport(List<String> added, List<String> changed, List<String> unchanged, List<String> removed,
        List<FileVersion> newFileVersions) {

    public ImportReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
        newFileVersions = List.copyOf(newFileVersions);
    }

    /** Whether the import changed nothing. */
    public boolean isNoop() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
