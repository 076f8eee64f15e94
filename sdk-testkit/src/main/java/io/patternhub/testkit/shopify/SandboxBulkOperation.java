package io.patternhub.testkit.shopify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bulk query operation started by {@code bulkOperationRunQuery}.
 *
 * @param id the operation GID
 * @param query the bulk query
 * @param status {@code CREATED}, {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param createdAt when it was started
 * @param completedAt when it finished
 * @param objectCount how many JSONL lines (objects) the result holds
 * @param rootObjectCount how many of those are top-level objects
 * @param fileSize the JSONL result size in bytes
 * @param url where the sandbox serves the JSONL result
 * @param errorCode why it failed
 */
public record SandboxBulkOperation(String id, String query, String status, Instant createdAt,
        Optional<Instant> completedAt, long objectCount, long rootObjectCount, long fileSize, Optional<String> url,
        Optional<String> errorCode) {
    public SandboxBulkOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(errorCode, "errorCode");
    }
}
