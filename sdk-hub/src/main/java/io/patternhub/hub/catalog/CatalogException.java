package io.patternhub.hub.catalog;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** A catalog folder or {@code pattern.yaml} is wrong; the message names the file and, when known, the line. */
public class CatalogException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * @param file    the offending file
     * @param line    its 1-based line, or 0 when unknown
     * @param problem what is wrong and how to fix it
     * @param cause   the parser's error, or {@code null}
     */
    public CatalogException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, ErrorContext.empty(), cause);
        this.file = file;
        this.line = line;
    }

    /** The offending file. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line in {@link #file()}, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
