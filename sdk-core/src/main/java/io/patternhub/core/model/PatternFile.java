package io.patternhub.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One downloadable file of a pattern (a PDF in one print format, a chart, a projector file).
 *
 * <p>Its bytes are never held in memory: {@link #content()} streams them from a path or a supplier,
 * and is not part of JSON or of equality. {@link #location()} keeps the file's address when it is
 * known. Build one from a file on disk with {@link #fromPath(Path)}.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePatternFile.class)
@JsonDeserialize(as = ImmutablePatternFile.class)
public interface PatternFile {
    /** The chunk size used when streaming content to hash it: 64 KiB. */
    int STREAM_CHUNK_BYTES = 64 * 1024;
    /** The file name buyers see, e.g. {@code "raglan-tee-a4.pdf"}. */
    String name();

    /** The media type, e.g. {@code "application/pdf"}. */
    String mediaType();

    /** The size in bytes. */
    long sizeBytes();

    /** The SHA-256 of the content, lower-case hex. */
    String sha256();

    /** The file's own version (e.g. {@code "1.2"}); bumped when errata are fixed. */
    @Value.Default
    default String version() {
        return "1";
    }

    @Value.Default
    default PrintFormat printFormat() {
        return PrintFormat.OTHER;
    }

    /** The language of the text, as a BCP 47 tag such as {@code "en"} or {@code "de-DE"}. */
    Optional<String> language();

    /** The sizes the file covers, e.g. {@code "XS-4XL"}. */
    Optional<String> sizeRange();

    /** Where the file lives (a {@code file:} or {@code https:} URI) when known. */
    Optional<URI> location();

    /** How to read the bytes; absent after reading from JSON. Not part of equality. */
    @JsonIgnore
    @Value.Auxiliary
    Optional<FileContent> content();

    /**
     * Opens the content: from {@link #content()}, else from a {@code file:} {@link #location()}.
     *
     * @return a stream the caller closes
     * @throws IOException if reading fails
     * @throws InvalidModelException if there is no content and no file location
     */
    default InputStream openContent() throws IOException {
        if (content().isPresent()) {
            return content().get().open();
        }
        Optional<URI> fileUri = location().filter(u -> "file".equalsIgnoreCase(u.getScheme()));
        if (fileUri.isPresent()) {
            return Files.newInputStream(Path.of(fileUri.get()));
        }
        throw new InvalidModelException("PatternFile", "content",
                "'" + name() + "' has no content and no file location; set content(FileContent)");
    }

    @Value.Check
    default void check() {
        if (name().isBlank()) {
            throw new InvalidModelException("PatternFile", "name", "must not be blank");
        }
        if (sizeBytes() < 0) {
            throw new InvalidModelException("PatternFile", "sizeBytes", "must not be negative, was " + sizeBytes());
        }
        if (!sha256().matches("[0-9a-f]{64}")) {
            throw new InvalidModelException("PatternFile", "sha256",
                    "must be 64 lower-case hex characters, was '" + sha256() + "'");
        }
    }

    static ImmutablePatternFile.Builder builder() {
        return ImmutablePatternFile.builder();
    }

    default ImmutablePatternFile.Builder toBuilder() {
        return ImmutablePatternFile.builder().from(this);
    }

    /**
     * A builder preset from a file on disk: name, media type (guessed from the extension),
     * size and SHA-256 computed by streaming the file once, content and location pointing at the file.
     * Set version, print format, language and size range before {@code build()}.
     *
     * @param path a readable regular file
     * @return a builder for the file
     * @throws UncheckedIOException if the file cannot be read
     */
    static ImmutablePatternFile.Builder fromPath(Path path) {
        if (path == null || !Files.isRegularFile(path)) {
            throw new InvalidModelException("PatternFile", "path", "not a regular file: " + path);
        }
        return fromContent(path.getFileName().toString(), FileContent.ofPath(path)).location(path.toUri());
    }

    /**
     * A builder preset from streamed content: name, media type (guessed from the name), size and
     * SHA-256 computed by reading the content once in small chunks, and the content itself.
     *
     * @param name    the file name buyers see
     * @param content where the bytes come from
     * @return a builder for the file
     * @throws UncheckedIOException if the content cannot be read
     */
    static ImmutablePatternFile.Builder fromContent(String name, FileContent content) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        long size = 0;
        byte[] buffer = new byte[STREAM_CHUNK_BYTES];
        try (InputStream in = new DigestInputStream(content.open(), digest)) {
            for (int n; (n = in.read(buffer, 0, buffer.length)) != -1; ) {
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        ImmutablePatternFile.Builder builder = builder()
                .name(name)
                .mediaType(guessMediaType(name))
                .sizeBytes(size)
                .sha256(HexFormat.of().formatHex(digest.digest()))
                .content(content);
        content.location().ifPresent(builder::location);
        return builder;
    }

    /**
     * The media type pattern sellers' files usually have, from the file name's extension.
     *
     * @param fileName a file name
     * @return a media type; {@code application/octet-stream} when unknown
     */
    static String guessMediaType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        switch (ext) {
            case "pdf": return "application/pdf";
            case "zip": return "application/zip";
            case "svg": return "image/svg+xml";
            case "png": return "image/png";
            case "jpg": case "jpeg": return "image/jpeg";
            case "dxf": return "image/vnd.dxf";
            case "txt": return "text/plain";
            case "md": return "text/markdown";
            default: return "application/octet-stream";
        }
    }
}
