package io.patternhub.core.error;

/**
 * A platform answered a request with an error (an HTTP error status or an error document).
 */
public class ApiException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    public ApiException(String message, ErrorContext context) {
        super(message, context);
    }

    public ApiException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
