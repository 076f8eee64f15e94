package io.patternhub.core.error;

import io.patternhub.core.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What is known about a failure: where it happened and what the platform said. Immutable; build it
 * with {@link #builder()} and copy it with {@link #toBuilder()}.
 */
public final class ErrorContext {
    private static final ErrorContext EMPTY = builder().build();

    private final Platform platform;
    private final Integer httpStatus;
    private final String platformErrorCode;
    private final String requestId;
    private final boolean retryable;
    private final Duration retryAfter;
    private final int attempts;
    private final List<ValidationError> validationErrors;
    private final Map<String, String> rateLimitHeaders;

    private ErrorContext(Builder b) {
        this.platform = b.platform;
        this.httpStatus = b.httpStatus;
        this.platformErrorCode = b.platformErrorCode;
        this.requestId = b.requestId;
        this.retryable = b.retryable;
        this.retryAfter = b.retryAfter;
        this.attempts = b.attempts;
        this.validationErrors = List.copyOf(b.validationErrors);
        this.rateLimitHeaders = Map.copyOf(b.rateLimitHeaders);
    }

    /** A context that knows nothing. */
    public static ErrorContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .platform(platform)
                .httpStatus(httpStatus)
                .platformErrorCode(platformErrorCode)
                .requestId(requestId)
                .retryable(retryable)
                .retryAfter(retryAfter)
                .attempts(attempts)
                .validationErrors(validationErrors)
                .rateLimitHeaders(rateLimitHeaders);
    }

    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    public Optional<String> platformErrorCode() {
        return Optional.ofNullable(platformErrorCode);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** How many attempts were made before giving up; 1 when the call was not retried. */
    public int attempts() {
        return attempts;
    }

    public List<ValidationError> validationErrors() {
        return validationErrors;
    }

    /** The platform's rate-limit headers on the failed response, by lower-case name. */
    public Map<String, String> rateLimitHeaders() {
        return rateLimitHeaders;
    }

    /** Builds an {@link ErrorContext}. */
    public static final class Builder {
        private Platform platform;
        private Integer httpStatus;
        private String platformErrorCode;
        private String requestId;
        private boolean retryable;
        private Duration retryAfter;
        private int attempts = 1;
        private List<ValidationError> validationErrors = List.of();
        private Map<String, String> rateLimitHeaders = Map.of();

        private Builder() {
        }

        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        public Builder httpStatus(Integer httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        public Builder platformErrorCode(String platformErrorCode) {
            this.platformErrorCode = platformErrorCode;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        public Builder validationErrors(List<ValidationError> validationErrors) {
            this.validationErrors = List.copyOf(validationErrors);
            return this;
        }

        public Builder rateLimitHeaders(Map<String, String> rateLimitHeaders) {
            this.rateLimitHeaders = Map.copyOf(rateLimitHeaders);
            return this;
        }

        public ErrorContext build() {
            return new ErrorContext(this);
        }
    }
}
