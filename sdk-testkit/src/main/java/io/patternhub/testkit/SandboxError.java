package io.patternhub.testkit;

import io.patternhub.core.error.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * An error the sandbox answers with, before it is shaped like the platform's own errors by an
 * {@link ErrorFormatter}.
 *
 * @param status the HTTP status
 * @param code a short machine code: {@code not_found}, {@code method_not_allowed},
 *     {@code invalid_request}, {@code rate_limited}, {@code server_error}, or one a handler chose
 * @param message a human-readable message
 * @param details field-level problems, for validation failures
 */
public record SandboxError(int status, String code, String message, List<ValidationError> details) {
    /** Common codes used by the base server. */
    public static final String NOT_FOUND = "not_found";
    /** The path exists but not for this method. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** The request failed validation. */
    public static final String INVALID_REQUEST = "invalid_request";
    /** A rate limit was exceeded. */
    public static final String RATE_LIMITED = "rate_limited";
    /** An injected or unexpected server failure. */
    public static final String SERVER_ERROR = "server_error";

    public SandboxError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
    }

    /**
     * An error without field details.
     *
     * @param status the HTTP status
     * @param code the machine code
     * @param message the message
     * @return the error
     */
    public static SandboxError of(int status, String code, String message) {
        return new SandboxError(status, code, message, List.of());
    }
}
