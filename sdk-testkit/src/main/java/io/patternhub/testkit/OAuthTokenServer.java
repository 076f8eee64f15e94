package io.patternhub.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A sandbox's OAuth 2.0 token server (the Xero and QuickBooks sandboxes expose theirs as {@code tokens()}):
 * tests issue, expire and revoke tokens through it and read how often clients refreshed; the sandbox uses it
 * to check bearer tokens and to answer the {@code refresh_token} grant. Every refresh rotates the refresh token;
 * the old one keeps working only for the configured reuse grace (Xero: 30 minutes; Intuit: none), after
 * which it is {@code invalid_grant}, as is a revoked one. When client credentials are set, the token
 * endpoint requires them as HTTP Basic ({@code invalid_client} otherwise), as Xero and Intuit do.
 * Thread-safe.
 */
public final class OAuthTokenServer {
    /**
     * Tokens as the token endpoint returns them.
     *
     * @param accessToken  the bearer token
     * @param refreshToken the refresh token
     * @param expiresAt    when the access token expires, by the sandbox clock
     */
    public record Issued(String accessToken, String refreshToken, Instant expiresAt) {
    }

    private final Clock clock;
    private final String prefix;
    private final Duration accessTtl;
    private final Duration reuseGrace;
    private final Map<String, Object> extraResponseFields;
    private final Map<String, Instant> accessExpiry = new HashMap<>();
    /** Live refresh tokens, with when their reuse grace ends (null while unused). */
    private final Map<String, Instant> refreshTokens = new HashMap<>();
    private String basicCredentials;
    private int refreshes;
    private Issued lastRefreshed;

    /**
     * @param clock               the sandbox clock
     * @param prefix              a prefix for issued tokens, e.g. {@code qb}
     * @param accessTtl           how long an access token lives
     * @param reuseGrace          how long a used refresh token still works (zero: single use)
     * @param extraResponseFields fields added to every token response
     */
    public OAuthTokenServer(Clock clock, String prefix, Duration accessTtl, Duration reuseGrace,
            Map<String, Object> extraResponseFields) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.accessTtl = Objects.requireNonNull(accessTtl, "accessTtl");
        this.reuseGrace = Objects.requireNonNull(reuseGrace, "reuseGrace");
        this.extraResponseFields = Map.copyOf(extraResponseFields);
    }

    /**
     * Requires this client id and secret (HTTP Basic) on the token endpoint.
     *
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     */
    public synchronized void requireClient(String clientId, String clientSecret) {
        String pair = Objects.requireNonNull(clientId, "clientId") + ":" + Objects.requireNonNull(clientSecret, "clientSecret");
        this.basicCredentials = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Issues a fresh pair, as the authorization-code exchange would.
     *
     * @return the tokens
     */
    public synchronized Issued issue() {
        Issued t = new Issued(prefix + "-access-" + UUID.randomUUID(), prefix + "-refresh-" + UUID.randomUUID(),
                clock.instant().plus(accessTtl));
        accessExpiry.put(t.accessToken(), t.expiresAt());
        refreshTokens.put(t.refreshToken(), null);
        return t;
    }

    /**
     * @param accessToken a bearer token
     * @return whether it was issued here and has not expired
     */
    public synchronized boolean accepts(String accessToken) {
        Instant expires = accessExpiry.get(accessToken);
        return expires != null && clock.instant().isBefore(expires);
    }

    /**
     * Makes an issued access token expired now.
     *
     * @param accessToken the token
     */
    public synchronized void expire(String accessToken) {
        if (!accessExpiry.containsKey(accessToken)) {
            throw new IllegalArgumentException("the sandbox never issued access token " + accessToken);
        }
        accessExpiry.put(accessToken, clock.instant().minusSeconds(1));
    }

    /**
     * Revokes a refresh token (as disconnecting the app does): it is {@code invalid_grant} from now on.
     *
     * @param refreshToken the token
     */
    public synchronized void revoke(String refreshToken) {
        if (!refreshTokens.containsKey(refreshToken)) {
            throw new IllegalArgumentException("the sandbox never issued refresh token " + refreshToken);
        }
        refreshTokens.remove(refreshToken);
    }

    /** @return how many refresh grants succeeded */
    public synchronized int refreshCount() {
        return refreshes;
    }

    /** @return what the latest successful refresh returned (what a client must have stored) */
    public synchronized Optional<Issued> lastRefreshed() {
        return Optional.ofNullable(lastRefreshed);
    }

    /**
     * Answers {@code POST} on the token endpoint.
     *
     * @param request the request
     * @return the token response or an OAuth error
     */
    public synchronized SandboxResponse answer(SandboxRequest request) {
        if (basicCredentials != null && !basicCredentials.equals(request.header("Authorization").orElse(""))) {
            return error(401, "invalid_client", "client authentication failed (HTTP Basic with the app's id and secret)");
        }
        Map<String, List<String>> form = request.form();
        if (!"refresh_token".equals(first(form, "grant_type"))) {
            return error(400, "unsupported_grant_type", "grant_type must be refresh_token");
        }
        String refresh = first(form, "refresh_token");
        Instant now = clock.instant();
        if (refresh == null || !refreshTokens.containsKey(refresh)) {
            return error(400, "invalid_grant", "the refresh token is invalid, revoked or already used");
        }
        Instant graceEnds = refreshTokens.get(refresh);
        if (graceEnds != null && !now.isBefore(graceEnds)) {
            refreshTokens.remove(refresh);
            return error(400, "invalid_grant", "the refresh token was already used");
        }
        if (reuseGrace.isZero()) {
            refreshTokens.remove(refresh);
        } else if (graceEnds == null) {
            refreshTokens.put(refresh, now.plus(reuseGrace));
        }
        Issued fresh = issue();
        refreshes++;
        lastRefreshed = fresh;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", fresh.accessToken());
        body.put("refresh_token", fresh.refreshToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTtl.toSeconds());
        body.putAll(extraResponseFields);
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse error(int status, String error, String description) {
        return SandboxResponse.json(status, Map.of("error", error, "error_description", description));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
