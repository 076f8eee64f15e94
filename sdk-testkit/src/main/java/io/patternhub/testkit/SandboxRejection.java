package io.patternhub.testkit;

import io.patternhub.core.error.ValidationError;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by a {@link RouteHandler} (or a request helper such as {@link SandboxRequest#json()}) to
 * answer with the platform's error shape instead of a normal response.
 */
public class SandboxRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SandboxError error;

    /**
     * Rejects with {@code error}.
     *
     * @param error what to answer
     */
    public SandboxRejection(SandboxError error) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
    }

    /**
     * A 404 with code {@code not_found}.
     *
     * @param message what was not found
     * @return the rejection to throw
     */
    public static SandboxRejection notFound(String message) {
        return new SandboxRejection(SandboxError.of(404, SandboxError.NOT_FOUND, message));
    }

    /**
     * A 400 with code {@code invalid_request}.
     *
     * @param message what is wrong
     * @param details field-level problems
     * @return the rejection to throw
     */
    public static SandboxRejection invalid(String message, List<ValidationError> details) {
        return new SandboxRejection(new SandboxError(400, SandboxError.INVALID_REQUEST, message, details));
    }

    /**
     * Any status and code.
     *
     * @param status the HTTP status
     * @param code the machine code
     * @param message the message
     * @return the rejection to throw
     */
    public static SandboxRejection of(int status, String code, String message) {
        return new SandboxRejection(SandboxError.of(status, code, message));
    }

    public SandboxError error() {
        return error;
    }
}
