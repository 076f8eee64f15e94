package io.patternhub.testkit.xero;

import java.time.Instant;

/**
 * Tokens the Xero sandbox issued, as an app holds them after the authorization-code exchange.
 *
 * @param accessToken  the bearer token (30 minutes)
 * @param refreshToken the refresh token; refreshing rotates it, and the old one works for 30 more minutes
 * @param expiresAt    when the access token expires, by the sandbox clock
 */
public record XeroTokens(String accessToken, String refreshToken, Instant expiresAt) {
}
