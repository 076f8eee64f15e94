package io.patternhub.testkit.quickbooks;

import java.time.Instant;

/**
 * Tokens the QuickBooks sandbox issued, as an app would hold them after the authorization-code exchange.
 *
 * @param accessToken the bearer token
 * @param refreshToken the refresh token (single use: refreshing rotates it)
 * @param expiresAt when the access token expires, by the sandbox clock
 */
public record QuickBooksTokens(String accessToken, String refreshToken, Instant expiresAt) {
}
