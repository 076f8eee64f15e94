package io.patternhub.core.error;

/**
 * The platform rejected the request as invalid (HTTP 400 or 422); {@link #validationErrors()} lists what it reported.
 */
public class InvalidRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, ErrorContext context) {
        super(message, context);
    }

    public InvalidRequestException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
