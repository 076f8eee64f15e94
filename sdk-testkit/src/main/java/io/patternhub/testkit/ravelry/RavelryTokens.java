package io.patternhub.testkit.ravelry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tokens the Ravelry sandbox issued.
 *
 * @param accessToken  the bearer token (24 hours by default)
 * @param refreshToken the refresh token, only when {@code offline} was granted
 * @param expiresAt    when the access token expires, by the sandbox clock
 * @param scopes       the granted scopes ({@code patternstore-write} only for a whitelisted app)
 */
public record RavelryTokens(String accessToken, Optional<String> refreshToken, Instant expiresAt, Set<String> scopes) {
    public RavelryTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
    }
}
