package io.patternhub.core.auth;

import java.util.Optional;

/**
 * Where OAuth tokens live between runs, one per connection (a seller's account on one platform).
 *
 * <p>Implementations must be thread-safe, and {@link #save} must make the token durable before it
 * returns: platforms rotate refresh tokens, so a token saved and then lost in a crash means the seller
 * has to reconnect.
 */
public interface TokenStore {

    /**
     * The token stored for a connection.
     *
     * @param connectionId the connection
     * @return the token, or empty if none was saved
     */
    Optional<OAuthToken> load(String connectionId);

    /**
     * Stores a token, replacing any earlier one; durable when this returns.
     *
     * @param connectionId the connection
     * @param token        the token
     */
    void save(String connectionId, OAuthToken token);

    /**
     * Forgets a connection's token (the seller disconnected). Does nothing if none is stored.
     *
     * @param connectionId the connection
     */
    void delete(String connectionId);
}
