package io.patternhub.testkit.shopify;

import java.util.Objects;
import java.util.Optional;

/**
 * A staged upload target created by {@code stagedUploadsCreate}, and what was uploaded to it.
 *
 * @param key the sandbox's key of the target (last path segment of its URL)
 * @param url the target URL on the sandbox, where the bytes are POSTed or PUT
 * @param resourceUrl the URL to pass to {@code fileCreate} as {@code originalSource}
 * @param resource the {@code StagedUploadTargetGenerateUploadResource}, e.g. {@code FILE}
 * @param filename the declared file name
 * @param mimeType the declared media type
 * @param declaredSize the declared {@code fileSize}, or -1 when none was given
 * @param httpMethod {@code POST} (multipart form) or {@code PUT} (raw body)
 * @param receivedBytes how many bytes of file content arrived, -1 before the upload
 * @param sha256 the hex SHA-256 of the uploaded content, empty before the upload
 */
public record SandboxStagedUpload(String key, String url, String resourceUrl, String resource, String filename,
        String mimeType, long declaredSize, String httpMethod, long receivedBytes, Optional<String> sha256) {
    public SandboxStagedUpload {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(resourceUrl, "resourceUrl");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Whether content was uploaded to this target. */
    public boolean uploaded() {
        return receivedBytes >= 0;
    }
}
