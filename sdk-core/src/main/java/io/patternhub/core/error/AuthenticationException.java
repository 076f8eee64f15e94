package io.patternhub.core.error;

/**
 * The credentials were refused and could not be renewed: the connection must be re-authorised by the seller (a new OAuth consent or new API keys).
 */
public class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, ErrorContext context) {
        super(message, context);
    }

    public AuthenticationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
