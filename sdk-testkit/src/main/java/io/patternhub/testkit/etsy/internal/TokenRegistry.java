package io.patternhub.testkit.etsy.internal;

import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.etsy.EtsyTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Etsy's OAuth tokens in the sandbox: issuing, checking bearer tokens, and the token endpoint's
 * {@code authorization_code} (with PKCE S256) and {@code refresh_token} grants, where every refresh
 * rotates the refresh token and kills the old one. Thread-safe. Not public API.
 */
public final class TokenRegistry {
    private final Clock clock;
    private final Duration ttl;
    private final String clientId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Records.Token> byAccess = new HashMap<>();
    private final Map<String, Records.Token> byRefresh = new HashMap<>();
    private final Map<String, Records.AuthorizationCode> codes = new HashMap<>();
    private long refreshes;

    public TokenRegistry(Clock clock, Duration ttl, String clientId) {
        this.clock = clock;
        this.ttl = ttl;
        this.clientId = clientId;
    }

    public synchronized EtsyTokens issue(long userId, Set<String> scopes) {
        Records.Token t = new Records.Token();
        t.userId = userId;
        t.accessToken = userId + "." + randomToken();
        t.refreshToken = userId + "." + randomToken();
        t.scopes = Set.copyOf(scopes);
        t.expiresAt = clock.instant().plus(ttl);
        byAccess.put(t.accessToken, t);
        byRefresh.put(t.refreshToken, t);
        return new EtsyTokens(t.userId, t.accessToken, t.refreshToken, t.scopes, t.expiresAt);
    }

    public synchronized String issueCode(long userId, String codeChallenge, String redirectUri, Set<String> scopes) {
        Records.AuthorizationCode c = new Records.AuthorizationCode();
        c.code = randomToken();
        c.userId = userId;
        c.codeChallenge = codeChallenge;
        c.redirectUri = redirectUri;
        c.scopes = Set.copyOf(scopes);
        codes.put(c.code, c);
        return c.code;
    }

    public synchronized void expire(String accessToken) {
        Records.Token t = byAccess.get(accessToken);
        if (t == null) {
            throw new IllegalArgumentException("The sandbox never issued access token " + accessToken);
        }
        t.expiresAt = clock.instant().minusSeconds(1);
    }

    public synchronized long refreshCount() {
        return refreshes;
    }

    /**
     * The user and scopes of a valid bearer token.
     *
     * @throws SandboxRejection 401 when missing, unknown or expired
     */
    synchronized Records.Token authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw SandboxRejection.of(401, "invalid_token", "Missing or malformed Authorization: Bearer header");
        }
        Records.Token t = byAccess.get(authorization.substring(7).trim());
        if (t == null) {
            throw SandboxRejection.of(401, "invalid_token", "invalid_token: the access token is not valid");
        }
        if (!clock.instant().isBefore(t.expiresAt)) {
            throw SandboxRejection.of(401, "invalid_token", "invalid_token: access token is expired");
        }
        return t;
    }

    /** Answers the token endpoint. */
    synchronized SandboxResponse tokenEndpoint(Map<String, List<String>> form) {
        String grant = first(form, "grant_type");
        if (!clientId.equals(first(form, "client_id"))) {
            return oauthError(401, "invalid_client", "client_id must be the app's keystring");
        }
        if ("refresh_token".equals(grant)) {
            Records.Token old = byRefresh.get(first(form, "refresh_token"));
            if (old == null || old.refreshUsed) {
                return oauthError(400, "invalid_grant", "refresh_token is invalid, expired or already used");
            }
            old.refreshUsed = true;
            byRefresh.remove(old.refreshToken);
            refreshes++;
            return tokenResponse(issue(old.userId, old.scopes));
        }
        if ("authorization_code".equals(grant)) {
            Records.AuthorizationCode c = codes.get(first(form, "code"));
            if (c == null || c.used) {
                return oauthError(400, "invalid_grant", "code is invalid, expired or already used");
            }
            c.used = true;
            if (c.redirectUri != null && !c.redirectUri.equals(first(form, "redirect_uri"))) {
                return oauthError(400, "invalid_grant", "redirect_uri does not match the authorization request");
            }
            String verifier = first(form, "code_verifier");
            if (verifier == null || !s256(verifier).equals(c.codeChallenge)) {
                return oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge");
            }
            return tokenResponse(issue(c.userId, c.scopes));
        }
        return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
    }

    private SandboxResponse tokenResponse(EtsyTokens tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", ttl.toSeconds());
        body.put("refresh_token", tokens.refreshToken());
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse oauthError(int status, String error, String description) {
        return SandboxResponse.json(status, Map.of("error", error, "error_description", description));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
