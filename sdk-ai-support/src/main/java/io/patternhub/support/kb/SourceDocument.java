package io.patternhub.support.kb;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A document handed to the knowledge base: its id, format and bytes. Documents are seller help
 * pages and pattern instructions, small enough to hold in memory while they are indexed.
 */
public final class SourceDocument {
    private final String id;
    private final DocumentFormat format;
    private final byte[] content;

    private SourceDocument(String id, DocumentFormat format, byte[] content) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException("A document needs a non-blank id", ErrorContext.empty());
        }
        this.id = id;
        this.format = Objects.requireNonNull(format, "format");
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    /**
     * A document from bytes.
     *
     * @param id the document's id, e.g. its relative path; citations show it
     * @param format how to read the bytes
     * @param content the raw file content
     */
    public static SourceDocument of(String id, DocumentFormat format, byte[] content) {
        return new SourceDocument(id, format, content);
    }

    /** A document read from a stream; the format comes from the id's extension. */
    public static SourceDocument read(String id, InputStream in) {
        try (in) {
            return new SourceDocument(id, DocumentFormat.requireForFileName(id), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read document " + id, e);
        }
    }

    /** A document read from a file, with the given id. */
    public static SourceDocument fromFile(String id, Path file) {
        try {
            return new SourceDocument(id, DocumentFormat.requireForFileName(file.getFileName().toString()),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    public String id() {
        return id;
    }

    public DocumentFormat format() {
        return format;
    }

    /** A copy of the raw content. */
    public byte[] content() {
        return content.clone();
    }

    byte[] contentUnsafe() {
        return content;
    }
}
