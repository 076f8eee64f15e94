package io.patternhub.testkit.ravelry.internal;

import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.ravelry.RavelryTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ravelry credentials in the sandbox: OAuth 2.0 tokens (24 hours; refresh tokens only with
 * {@code offline}; {@code patternstore-write} only for a whitelisted app), the token endpoint (client
 * credentials only in the Basic header), the seller's personal key (all permissions) and the app's
 * read-only Basic credentials (no authenticated methods). Thread-safe. Not public API.
 */
public final class RavelryAuth {
    /** Every permission a personal key has. */
    public static final Set<String> ALL_PERMISSIONS = Set.of("patternstore-read", "patternstore-write",
            "patternstore-purchases", "patternstore-pdf", "offline");

    private final Clock clock;
    private final Duration ttl;
    private final String clientId;
    private final String clientSecret;
    private final String accessKey;
    private final String personalKey;
    private final boolean whitelisted;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> byAccess = new HashMap<>();
    private final Map<String, Token> byRefresh = new HashMap<>();
    private final Map<String, Code> codes = new HashMap<>();
    private long refreshes;

    private static final class Token {
        String access;
        String refresh;
        Instant expiresAt;
        Set<String> scopes;
    }

    private record Code(String redirectUri, Set<String> scopes) {
    }

    /** Who is calling and with which permissions. */
    public record Principal(String kind, Set<String> permissions) {
    }

    public RavelryAuth(Clock clock, Duration ttl, String clientId, String clientSecret, String accessKey,
            String personalKey, boolean whitelisted) {
        this.clock = clock;
        this.ttl = ttl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessKey = accessKey;
        this.personalKey = personalKey;
        this.whitelisted = whitelisted;
    }

    /** What Ravelry grants of the requested scopes: {@code patternstore-write} only to a whitelisted app. */
    private Set<String> granted(Set<String> requested) {
        Set<String> out = new LinkedHashSet<>(requested);
        out.remove("patternstore-purchases"); // not available to OAuth apps at all
        if (!whitelisted) {
            out.remove("patternstore-write");
            out.remove("pattern-write");
        }
        return out;
    }

    public synchronized RavelryTokens issue(Set<String> requestedScopes) {
        Token t = new Token();
        t.access = "rav_at_" + randomToken();
        t.scopes = granted(requestedScopes);
        t.refresh = t.scopes.contains("offline") ? "rav_rt_" + randomToken() : null;
        t.expiresAt = clock.instant().plus(ttl);
        byAccess.put(t.access, t);
        if (t.refresh != null) {
            byRefresh.put(t.refresh, t);
        }
        return new RavelryTokens(t.access, Optional.ofNullable(t.refresh), t.expiresAt, t.scopes);
    }

    public synchronized String issueCode(String redirectUri, Set<String> scopes) {
        String code = "rav_code_" + randomToken();
        codes.put(code, new Code(redirectUri, Set.copyOf(scopes)));
        return code;
    }

    public synchronized void expire(String accessToken) {
        Token t = byAccess.get(accessToken);
        if (t == null) {
            throw new IllegalArgumentException("The sandbox never issued access token " + accessToken);
        }
        t.expiresAt = clock.instant().minusSeconds(1);
    }

    public synchronized long refreshCount() {
        return refreshes;
    }

    /**
     * Who the {@code Authorization} header identifies.
     *
     * @throws SandboxRejection 401 for a missing, unknown or expired token; 403 for bad keys
     */
    synchronized Principal authenticate(Optional<String> authorization) {
        String header = authorization.orElseThrow(() -> SandboxRejection.of(401, "unauthorized",
                "Authentication required: send an OAuth token or Basic credentials"));
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Token t = byAccess.get(header.substring(7).trim());
            if (t == null || !clock.instant().isBefore(t.expiresAt)) {
                throw SandboxRejection.of(401, "unauthorized", "Your OAuth token has expired or the user has revoked"
                        + " access");
            }
            return new Principal("oauth", t.scopes);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] userPass = basic(header);
            if (userPass[0].equals(accessKey) && userPass[1].equals(personalKey)) {
                return new Principal("personal", ALL_PERMISSIONS);
            }
            if (userPass[0].equals(clientId) && userPass[1].equals(clientSecret)) {
                return new Principal("read-only", Set.of());
            }
        }
        throw SandboxRejection.of(403, "forbidden", "API keys are not valid");
    }

    /** Answers {@code POST /oauth2/token}. */
    synchronized SandboxResponse tokenEndpoint(Optional<String> authorization, Map<String, List<String>> form) {
        if (form.containsKey("client_secret")) {
            return oauthError(401, "invalid_client", "Body auth is not supported: send the client id and secret in"
                    + " the Authorization header (Basic)");
        }
        String[] client = authorization.filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6))
                .map(RavelryAuth::basic).orElse(null);
        if (client == null || !client[0].equals(clientId) || !client[1].equals(clientSecret)) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        String grant = first(form, "grant_type");
        if ("authorization_code".equals(grant)) {
            Code code = codes.remove(first(form, "code"));
            if (code == null) {
                return oauthError(400, "invalid_grant", "The authorization code is invalid or was already used");
            }
            if (!code.redirectUri().equals(first(form, "redirect_uri"))) {
                return oauthError(400, "invalid_grant", "redirect_uri does not match the authorization request");
            }
            return tokenResponse(issue(code.scopes()));
        }
        if ("refresh_token".equals(grant)) {
            Token old = byRefresh.get(first(form, "refresh_token"));
            if (old == null) {
                return oauthError(400, "invalid_grant", "The refresh token is invalid or revoked");
            }
            refreshes++;
            Token t = new Token();
            t.access = "rav_at_" + randomToken();
            t.scopes = old.scopes;
            t.refresh = old.refresh; // Ravelry's docs do not say refresh tokens rotate: the same one is kept
            t.expiresAt = clock.instant().plus(ttl);
            byAccess.put(t.access, t);
            byRefresh.put(t.refresh, t);
            return tokenResponse(new RavelryTokens(t.access, Optional.of(t.refresh), t.expiresAt, t.scopes));
        }
        return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
    }

    private SandboxResponse tokenResponse(RavelryTokens t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", t.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", ttl.toSeconds());
        t.refreshToken().ifPresent(r -> body.put("refresh_token", r));
        body.put("scope", String.join(" ", t.scopes()));
        return SandboxResponse.json(body);
    }

    private static SandboxResponse oauthError(int status, String error, String description) {
        return SandboxResponse.json(status, Map.of("error", error, "error_description", description));
    }

    private static String[] basic(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, ""} : new String[] {
            java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private String randomToken() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
