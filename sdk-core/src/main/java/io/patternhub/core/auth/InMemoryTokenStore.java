package io.patternhub.core.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TokenStore} in memory: for tests and short-lived scripts. Tokens are lost when the process
 * ends, so a rotated refresh token is too; use {@link EncryptedFileTokenStore} or a database-backed store
 * for anything that runs twice.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentMap<String, OAuthToken> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<OAuthToken> load(String connectionId) {
        return Optional.ofNullable(tokens.get(Objects.requireNonNull(connectionId, "connectionId")));
    }

    @Override
    public void save(String connectionId, OAuthToken token) {
        tokens.put(Objects.requireNonNull(connectionId, "connectionId"), Objects.requireNonNull(token, "token"));
    }

    @Override
    public void delete(String connectionId) {
        tokens.remove(Objects.requireNonNull(connectionId, "connectionId"));
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore{connections=" + tokens.size() + "}";
    }
}
