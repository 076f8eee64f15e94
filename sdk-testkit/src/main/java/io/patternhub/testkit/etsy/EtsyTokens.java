package io.patternhub.testkit.etsy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An OAuth token pair the sandbox issued, as Etsy's token endpoint would return it.
 *
 * @param userId the Etsy user the tokens act for (the prefix of Etsy's access tokens)
 * @param accessToken the bearer token, e.g. {@code 12345678.abc...}
 * @param refreshToken the refresh token; it is single-use (Etsy rotates refresh tokens)
 * @param scopes the granted scopes
 * @param expiresAt when the access token stops being accepted
 */
public record EtsyTokens(long userId, String accessToken, String refreshToken, Set<String> scopes,
        Instant expiresAt) {
    public EtsyTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
