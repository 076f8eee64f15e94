package io.patternhub.core.error;

/**
 * The platform refused a call because a rate limit or cost budget was exhausted (HTTP 429, Shopify {@code THROTTLED}). {@link #retryAfter()} says how long to wait when the platform said.
 */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, ErrorContext context) {
        super(message, context);
    }

    public RateLimitException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
