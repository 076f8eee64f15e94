package io.patternhub.core.error;

import io.patternhub.core.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every error PatternHub throws. Unchecked: catch the subclass you can act on.
 *
 * <p>Every instance carries an {@link ErrorContext}: the platform, the HTTP status, the platform's
 * error code and request id, whether a retry could succeed, how long the platform asked to wait,
 * how many attempts were made, and structured validation errors where the platform gave them.
 */
public class PatternHubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private transient volatile ErrorContext context;

    public PatternHubException(String message) {
        this(message, ErrorContext.empty(), null);
    }

    public PatternHubException(String message, Throwable cause) {
        this(message, ErrorContext.empty(), cause);
    }

    public PatternHubException(String message, ErrorContext context) {
        this(message, context, null);
    }

    public PatternHubException(String message, ErrorContext context, Throwable cause) {
        super(message, cause);
        this.context = Objects.requireNonNull(context, "context");
    }

    public ErrorContext context() {
        return context;
    }

    public Optional<Platform> platform() {
        return context.platform();
    }

    public OptionalInt httpStatus() {
        return context.httpStatus();
    }

    public Optional<String> platformErrorCode() {
        return context.platformErrorCode();
    }

    public Optional<String> requestId() {
        return context.requestId();
    }

    /** Whether the same call could succeed if retried later. */
    public boolean retryable() {
        return context.retryable();
    }

    /** How long the platform asked to wait before the next call, when it said. */
    public Optional<Duration> retryAfter() {
        return context.retryAfter();
    }

    /** How many attempts were made before this error was raised. */
    public int attempts() {
        return context.attempts();
    }

    public List<ValidationError> validationErrors() {
        return context.validationErrors();
    }

    /**
     * Records how many attempts the transport made. Called by the transport once, before the error
     * leaves the SDK.
     *
     * @return this exception
     */
    public PatternHubException withAttempts(int attempts) {
        this.context = context.toBuilder().attempts(attempts).build();
        return this;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(String.valueOf(super.getMessage()));
        context.platform().ifPresent(p -> sb.append("; platform: ").append(p.displayName()));
        context.httpStatus().ifPresent(s -> sb.append("; status: ").append(s));
        context.platformErrorCode().ifPresent(c -> sb.append("; code: ").append(c));
        context.requestId().ifPresent(r -> sb.append("; request-id: ").append(r));
        if (context.attempts() > 1) {
            sb.append("; attempts: ").append(context.attempts());
        }
        return sb.toString();
    }
}
