package io.patternhub.testkit.shopify;

import java.time.Instant;
import java.util.Objects;

/**
 * A file created by {@code fileCreate} (a {@code GenericFile} for {@code FILE} content).
 *
 * @param id the file GID, e.g. {@code gid://shopify/GenericFile/1}
 * @param filename the file name
 * @param alt the alt text
 * @param contentType the {@code FileContentType} given, e.g. {@code FILE}
 * @param mimeType the media type of the uploaded content
 * @param originalSource the staged {@code resourceUrl} (or external URL) it was created from
 * @param size the size in bytes of the uploaded content
 * @param sha256 the hex SHA-256 of the uploaded content
 * @param url the URL the sandbox serves the file at
 * @param fileStatus {@code READY} (the sandbox processes files at once)
 * @param createdAt when it was created
 */
public record SandboxFile(String id, String filename, String alt, String contentType, String mimeType,
        String originalSource, long size, String sha256, String url, String fileStatus, Instant createdAt) {
    public SandboxFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        alt = Objects.requireNonNullElse(alt, "");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(originalSource, "originalSource");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fileStatus, "fileStatus");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
