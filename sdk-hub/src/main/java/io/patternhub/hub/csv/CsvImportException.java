package io.patternhub.hub.csv;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import java.util.List;

/**
 * A CSV file could not be imported, in part or whole. The message lists every problem with its line;
 * {@link #problems()} has them in structured form, as do the {@link #validationErrors()} (field
 * {@code "line N"}).
 */
public class CsvImportException extends PatternHubException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_LISTED = 50;

    /** The problems; a list of serializable records. */
    private final List<RejectedRow> problems;

    /**
     * A failure with its problems.
     *
     * @param summary  what happened
     * @param problems every bad row, by line
     */
    public CsvImportException(String summary, List<RejectedRow> problems) {
        super(message(summary, problems), ErrorContext.builder().validationErrors(
                problems.stream().map(p -> new ValidationError("line " + p.line(), "rejected",
                        p.column().map(c -> c + ": ").orElse("") + p.reason())).toList()).build());
        this.problems = List.copyOf(problems);
    }

    /**
     * A failure caused by a lower-level one (the file could not be read at all).
     *
     * @param summary what happened
     * @param problems the problems, usually one
     * @param cause   the underlying failure
     */
    public CsvImportException(String summary, List<RejectedRow> problems, Throwable cause) {
        super(message(summary, problems), ErrorContext.empty(), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, by line. */
    public List<RejectedRow> problems() {
        return problems;
    }

    private static String message(String summary, List<RejectedRow> problems) {
        StringBuilder sb = new StringBuilder(summary).append(':');
        problems.stream().limit(MAX_LISTED).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more (see problems())");
        }
        return sb.toString();
    }
}
