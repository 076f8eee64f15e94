package io.patternhub.core.auth;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to talk OAuth 2.0 to one platform with one app: endpoints, client credentials and how they are
 * sent, redirect URI, scopes, PKCE. Immutable; build with {@link #builder()}. The client secret never
 * appears in {@link #toString()}.
 *
 * <p>Endpoints must use HTTPS; plain HTTP is accepted only for {@code localhost} and loopback addresses
 * (local tests and sandboxes).
 */
public final class OAuth2Config {
    private static final Set<String> RESERVED_AUTHORIZATION_PARAMS = Set.of("response_type", "client_id",
            "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method");

    private final Platform platform;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final ClientAuthMethod clientAuthMethod;
    private final URI redirectUri;
    private final List<String> scopes;
    private final String scopeSeparator;
    private final boolean pkce;
    private final Map<String, String> extraAuthorizationParams;

    private OAuth2Config(Builder b) {
        this.platform = b.platform;
        this.authorizationEndpoint = b.authorizationEndpoint == null ? null
                : requireSafeEndpoint(b.authorizationEndpoint, "authorization endpoint", b.platform);
        this.tokenEndpoint = requireSafeEndpoint(require(b.tokenEndpoint, "token endpoint", b.platform),
                "token endpoint", b.platform);
        this.clientId = requireText(b.clientId, "client id", b.platform);
        this.clientSecret = b.clientSecret == null || b.clientSecret.isEmpty() ? null : b.clientSecret;
        ClientAuthMethod method = b.clientAuthMethod != null ? b.clientAuthMethod
                : clientSecret != null ? ClientAuthMethod.BASIC_HEADER : ClientAuthMethod.NONE;
        if (method != ClientAuthMethod.NONE && clientSecret == null) {
            throw config("client authentication " + method + " needs a client secret; set clientSecret or use NONE",
                    b.platform);
        }
        this.clientAuthMethod = method;
        this.redirectUri = b.redirectUri;
        if (redirectUri != null && !redirectUri.isAbsolute()) {
            throw config("redirect URI must be absolute, was " + redirectUri, b.platform);
        }
        this.scopes = List.copyOf(b.scopes);
        if (b.scopeSeparator == null || b.scopeSeparator.isEmpty()) {
            throw config("scope separator is empty", b.platform);
        }
        this.scopeSeparator = b.scopeSeparator;
        this.pkce = b.pkce;
        for (String key : b.extraAuthorizationParams.keySet()) {
            if (RESERVED_AUTHORIZATION_PARAMS.contains(key)) {
                throw config("extra authorization parameter '" + key + "' is set by PatternHub itself; remove it",
                        b.platform);
            }
        }
        // Keep the caller's order for stable URLs.
        this.extraAuthorizationParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraAuthorizationParams));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().platform(platform).tokenEndpoint(tokenEndpoint).clientId(clientId)
                .clientSecret(clientSecret).clientAuthMethod(clientAuthMethod).redirectUri(redirectUri)
                .scopes(scopes).scopeSeparator(scopeSeparator).pkce(pkce);
        if (authorizationEndpoint != null) {
            b.authorizationEndpoint(authorizationEndpoint);
        }
        extraAuthorizationParams.forEach(b::extraAuthorizationParam);
        return b;
    }

    /** The platform, for error messages and error context. */
    public Optional<Platform> platform() {
        return Optional.ofNullable(platform);
    }

    /** Where the seller is sent to consent; empty when only refreshing is configured. */
    public Optional<URI> authorizationEndpoint() {
        return Optional.ofNullable(authorizationEndpoint);
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret; empty for a public client. */
    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** How the client authenticates to the token endpoint; defaults to Basic when a secret is set. */
    public ClientAuthMethod clientAuthMethod() {
        return clientAuthMethod;
    }

    /** Where the platform sends the seller back; required for the authorization code flow. */
    public Optional<URI> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    public List<String> scopes() {
        return scopes;
    }

    /** How scopes are joined in the {@code scope} parameter; a space unless the platform wants otherwise. */
    public String scopeSeparator() {
        return scopeSeparator;
    }

    /** Whether PKCE (S256) is sent; on by default (Etsy requires it, others accept it). */
    public boolean pkce() {
        return pkce;
    }

    /** Extra query parameters for the authorization URL, in the order they were added. */
    public Map<String, String> extraAuthorizationParams() {
        return extraAuthorizationParams;
    }

    @Override
    public String toString() {
        return "OAuth2Config{platform=" + platform + ", tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "none" : "****") + ", clientAuthMethod="
                + clientAuthMethod + ", scopes=" + scopes + ", pkce=" + pkce + "}";
    }

    private static URI requireSafeEndpoint(URI uri, String what, Platform platform) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw config(what + " must be an absolute http(s) URL, was " + uri, platform);
        }
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return uri;
        }
        throw config(what + " must use HTTPS (plain HTTP only for localhost), was " + uri, platform);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static <T> T require(T value, String what, Platform platform) {
        if (value == null) {
            throw config(what + " is not set", platform);
        }
        return value;
    }

    private static String requireText(String value, String what, Platform platform) {
        if (value == null || value.isBlank()) {
            throw config(what + " is not set", platform);
        }
        return value;
    }

    private static ConfigurationException config(String message, Platform platform) {
        return new ConfigurationException("OAuth2Config: " + message,
                ErrorContext.builder().platform(platform).build());
    }

    /** Builds an {@link OAuth2Config}. */
    public static final class Builder {
        private Platform platform;
        private URI authorizationEndpoint;
        private URI tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private ClientAuthMethod clientAuthMethod;
        private URI redirectUri;
        private List<String> scopes = new ArrayList<>();
        private String scopeSeparator = " ";
        private boolean pkce = true;
        private final Map<String, String> extraAuthorizationParams = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        public Builder authorizationEndpoint(URI authorizationEndpoint) {
            this.authorizationEndpoint = authorizationEndpoint;
            return this;
        }

        public Builder authorizationEndpoint(String authorizationEndpoint) {
            return authorizationEndpoint(URI.create(authorizationEndpoint));
        }

        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        public Builder tokenEndpoint(String tokenEndpoint) {
            return tokenEndpoint(URI.create(tokenEndpoint));
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The client secret; {@code null} for a public client. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder clientAuthMethod(ClientAuthMethod clientAuthMethod) {
            this.clientAuthMethod = clientAuthMethod;
            return this;
        }

        public Builder redirectUri(URI redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public Builder redirectUri(String redirectUri) {
            return redirectUri(URI.create(redirectUri));
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = new ArrayList<>(scopes);
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(List.of(scopes));
        }

        public Builder scopeSeparator(String scopeSeparator) {
            this.scopeSeparator = scopeSeparator;
            return this;
        }

        public Builder pkce(boolean pkce) {
            this.pkce = pkce;
            return this;
        }

        /** Adds a query parameter to the authorization URL (for example a platform-specific option). */
        public Builder extraAuthorizationParam(String name, String value) {
            extraAuthorizationParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws ConfigurationException if something required is missing or unsafe
         */
        public OAuth2Config build() {
            return new OAuth2Config(this);
        }
    }
}
