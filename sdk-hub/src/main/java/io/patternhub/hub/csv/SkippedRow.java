package io.patternhub.hub.csv;

import java.util.Objects;

/**
 * A row left out on purpose (a blank line, or a summary row the mapping says to ignore), reported so
 * that nothing is dropped silently.
 *
 * @param line   the 1-based line of the file where the row starts
 * @param reason why it was left out
 */
public record SkippedRow(long line, String reason) {
    public SkippedRow {
        Objects.requireNonNull(reason, "reason");
    }
}
