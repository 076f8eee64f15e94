package io.patternhub.core.error;

/**
 * The platform has no such resource (HTTP 404, or an empty lookup where one was required).
 */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, ErrorContext context) {
        super(message, context);
    }

    public NotFoundException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
