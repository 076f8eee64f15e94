package io.patternhub.core.auth;

import okhttp3.Request;
import okhttp3.Response;

/**
 * How a connection proves who it is. The transport calls {@link #authorize} on every request and,
 * after an HTTP 401, calls {@link #renewAfterUnauthorized} once; if that returns {@code true} the
 * request is authorised again and retried exactly once.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AuthScheme {

    /** Adds this scheme's credentials (headers or query parameters) to an outgoing request. */
    void authorize(Request.Builder request);

    /**
     * Called once after the platform answered 401 to a request this scheme authorised.
     *
     * @param unauthorized the 401 response (its request carries the credentials that were refused)
     * @return {@code true} if fresh credentials are now available and the request may be retried
     */
    default boolean renewAfterUnauthorized(Response unauthorized) {
        return false;
    }

    /** A scheme that adds nothing, for public endpoints. */
    static AuthScheme none() {
        return request -> { };
    }
}
