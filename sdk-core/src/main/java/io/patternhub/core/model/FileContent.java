package io.patternhub.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bytes of a file come from. Content is always streamed: every call to {@link #open()}
 * returns a fresh stream the caller must close; nothing is held in memory.
 */
@FunctionalInterface
public interface FileContent {

    /**
     * Opens a new stream over the whole content.
     *
     * @return a stream the caller closes
     * @throws IOException if the content cannot be read
     */
    InputStream open() throws IOException;

    /** Where the content lives, when it has an address (a {@code file:} URI for a path). */
    default Optional<URI> location() {
        return Optional.empty();
    }

    /**
     * Content read from a file on each {@link #open()}.
     *
     * @param path the file
     * @return the content
     */
    static FileContent ofPath(Path path) {
        Objects.requireNonNull(path, "path");
        return new FileContent() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public Optional<URI> location() {
                return Optional.of(path.toUri());
            }

            @Override
            public String toString() {
                return "FileContent[" + path + "]";
            }
        };
    }

    /**
     * Content from a supplier of streams (object storage, a database blob, a test).
     *
     * @param opener called once per {@link #open()}, returns a new stream each time
     * @return the content
     */
    static FileContent ofSupplier(StreamOpener opener) {
        Objects.requireNonNull(opener, "opener");
        return opener::open;
    }

    /** Opens a new stream; may fail with an {@link IOException}. */
    @FunctionalInterface
    interface StreamOpener {
        /**
         * @return a new stream over the content
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }

    /**
     * Opens the content, turning an {@link IOException} into an {@link UncheckedIOException} for
     * use in lambdas.
     *
     * @return a stream the caller closes
     */
    default InputStream openUnchecked() {
        try {
            return open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
