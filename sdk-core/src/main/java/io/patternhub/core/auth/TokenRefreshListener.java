package io.patternhub.core.auth;

/**
 * Told when {@link OAuth2AuthScheme} has refreshed a connection's token. Called after the token was
 * saved to the {@link TokenStore}; an exception thrown here is logged and does not fail the request.
 */
@FunctionalInterface
public interface TokenRefreshListener {

    /**
     * A token was refreshed and saved.
     *
     * @param connectionId the connection
     * @param token        the new token
     */
    void onTokenRefreshed(String connectionId, OAuthToken token);
}
