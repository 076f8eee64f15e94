package io.patternhub.support.kb;

import java.util.List;

/**
 * What an ingest changed.
 *
 * @param added documents indexed for the first time
 * @param updated documents whose content changed and were re-indexed
 * @param unchanged documents skipped because their content hash was already indexed
 * @param removed documents dropped because they are no longer in the source set
 * @param passages how many passages were written
 */
public record IngestReport(List<String> added, List<String> updated, List<String> unchanged,
        List<String> removed, int passages) {

    public IngestReport {
        added = List.copyOf(added);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
    }

    /** Whether anything in the index changed. */
    public boolean changedAnything() {
        return !added.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
    }
}
