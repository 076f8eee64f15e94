package io.patternhub.core.http;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;

/**
 * Turns a non-2xx response into the exception the caller sees. Each platform module may plug its
 * own (to read its error document); {@link #defaults()} covers the common cases. Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface ErrorMapper {

    /**
     * @param response the error response, body fully read
     * @param context  what the transport already knows: platform, status, request id, rate-limit
     *                 headers and {@code Retry-After}; add to it with {@code toBuilder()}
     * @return the exception to throw; its {@code retryable()} decides whether the transport retries
     */
    PatternHubException map(ApiResponse response, ErrorContext context);

    /** The default mapping: see {@link DefaultErrorMapper}. */
    static ErrorMapper defaults() {
        return new DefaultErrorMapper();
    }
}
