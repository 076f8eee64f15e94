package io.patternhub.core.http;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The body of an {@link ApiRequest}: JSON, a URL-encoded form, multipart, or bytes streamed from a
 * file or an {@link InputStream} supplier. Streamed content is never loaded into memory; the
 * supplier is called once per attempt, so a retried upload starts again from the first byte.
 */
public abstract sealed class RequestContent
        permits RequestContent.Json, RequestContent.Form, RequestContent.Multipart, RequestContent.Stream {

    private RequestContent() {
    }

    /** A JSON body: {@code value} is written with the transport's {@code ObjectMapper}. */
    public static RequestContent json(Object value) {
        return new Json(Objects.requireNonNull(value, "value"));
    }

    /** An {@code application/x-www-form-urlencoded} body; iteration order of {@code fields} is kept. */
    public static RequestContent form(Map<String, String> fields) {
        return new Form(fields);
    }

    /**
     * A body streamed from {@code content}, called once per attempt; each stream is closed after it
     * was sent.
     *
     * @param mediaType     the {@code Content-Type}, for example {@code application/pdf}
     * @param contentLength the exact number of bytes every stream yields
     * @param content       opens a fresh stream positioned at the first byte
     */
    public static RequestContent stream(String mediaType, long contentLength, Supplier<? extends InputStream> content) {
        if (contentLength < 0) {
            throw invalid("contentLength must be known and not negative, was " + contentLength);
        }
        return new Stream(mediaType, contentLength, Objects.requireNonNull(content, "content"));
    }

    /** A body streamed from a file; its length is read now, its bytes when the request is sent. */
    public static RequestContent file(Path file, String mediaType) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidRequestException("Cannot read the size of the file to upload: " + file
                    + " (" + e.getMessage() + "). Check the path and its permissions.", ErrorContext.empty(), e);
        }
        return new Stream(mediaType, size, () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open " + file, e);
            }
        });
    }

    /** Starts a {@code multipart/form-data} body. */
    public static Multipart.Builder multipart() {
        return new Multipart.Builder();
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, ErrorContext.empty());
    }

    /** A value to be written as JSON. */
    public static final class Json extends RequestContent {
        private final Object value;

        private Json(Object value) {
            this.value = value;
        }

        /** The object to serialize. */
        public Object value() {
            return value;
        }
    }

    /** URL-encoded form fields. */
    public static final class Form extends RequestContent {
        private final Map<String, String> fields;

        private Form(Map<String, String> fields) {
            Map<String, String> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "form field name"),
                    Objects.requireNonNull(v, () -> "value of form field " + k)));
            this.fields = java.util.Collections.unmodifiableMap(copy);
        }

        /** The fields in the order they are sent. */
        public Map<String, String> fields() {
            return fields;
        }
    }

    /** Bytes streamed from a supplier of {@link InputStream}s. */
    public static final class Stream extends RequestContent {
        private final String mediaType;
        private final long contentLength;
        private final Supplier<? extends InputStream> content;

        private Stream(String mediaType, long contentLength, Supplier<? extends InputStream> content) {
            this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
            this.contentLength = contentLength;
            this.content = content;
        }

        public String mediaType() {
            return mediaType;
        }

        public long contentLength() {
            return contentLength;
        }

        /** Opens a new stream over the content. */
        public InputStream open() {
            return Objects.requireNonNull(content.get(), "the content supplier returned null");
        }
    }

    /** A {@code multipart/form-data} body whose file parts are streamed. */
    public static final class Multipart extends RequestContent {
        private final List<Part> parts;

        private Multipart(List<Part> parts) {
            this.parts = List.copyOf(parts);
        }

        public List<Part> parts() {
            return parts;
        }

        /**
         * One part: a plain field ({@code filename} null) or a file.
         *
         * @param name     the form field name
         * @param filename the file name sent to the server, or null for a plain field
         * @param content  the part's content; a plain field is a {@link Stream} of UTF-8 text
         */
        public record Part(String name, String filename, RequestContent content) {
            public Part {
                Objects.requireNonNull(name, "name");
                Objects.requireNonNull(content, "content");
                if (content instanceof Multipart) {
                    throw invalid("a multipart part cannot itself be multipart");
                }
            }
        }

        /** Collects parts in order. */
        public static final class Builder {
            private final List<Part> parts = new ArrayList<>();

            private Builder() {
            }

            /** Adds a plain text field. */
            public Builder field(String name, String value) {
                byte[] bytes = Objects.requireNonNull(value, "value").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                parts.add(new Part(name, null, new Stream("text/plain; charset=utf-8", bytes.length,
                        () -> new java.io.ByteArrayInputStream(bytes))));
                return this;
            }

            /** Adds a file part streamed from {@code content}. */
            public Builder file(String name, String filename, RequestContent content) {
                parts.add(new Part(name, Objects.requireNonNull(filename, "filename"), content));
                return this;
            }

            public Multipart build() {
                if (parts.isEmpty()) {
                    throw invalid("a multipart body needs at least one part");
                }
                return new Multipart(parts);
            }
        }
    }
}
