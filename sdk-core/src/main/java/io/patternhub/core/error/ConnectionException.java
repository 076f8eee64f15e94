package io.patternhub.core.error;

/**
 * The platform could not be reached or did not answer in time: a connect failure, a timeout, a reset connection, or an open circuit breaker. Whether the request reached the platform is unknown.
 */
public class ConnectionException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, ErrorContext context) {
        super(message, context);
    }

    public ConnectionException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
