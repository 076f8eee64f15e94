package io.patternhub.hub.csv.internal;

import java.util.List;

/**
 * One record of the file as read.
 *
 * @param line   the 1-based line where the record starts
 * @param values the cell texts, unquoted
 */
public record CsvRow(long line, List<String> values) {
    public CsvRow {
        values = List.copyOf(values);
    }

    /** Whether every cell is empty or blank. */
    public boolean isBlank() {
        return values.stream().allMatch(String::isBlank);
    }
}
