package io.patternhub.core.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.auth.internal.Secrets;
import io.patternhub.core.auth.internal.TokenEndpointResponses;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Talks OAuth 2.0 authorization code (with PKCE S256) to one platform's authorization server: builds
 * authorization URLs, exchanges codes and refreshes tokens. Thread-safe; build with {@link #builder}.
 *
 * <p>Errors: a refused grant ({@code invalid_grant}, {@code invalid_client} ...) is an
 * {@link io.patternhub.core.error.AuthenticationException} (the seller must reconnect, or the app's
 * credentials are wrong); HTTP 429 a retryable {@link io.patternhub.core.error.RateLimitException}; a 5xx
 * a retryable {@link io.patternhub.core.error.ApiException}; a network failure a retryable
 * {@link ConnectionException}. This client does not retry by itself.
 */
public final class OAuth2Client {
    private static final int STATE_BYTES = 32;

    private final OAuth2Config config;
    private final OkHttpClient httpClient;
    private final Clock clock;
    private final SecureRandom random;
    private final TokenEndpointResponses responses;

    private OAuth2Client(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.httpClient = b.httpClient != null ? b.httpClient : new OkHttpClient();
        this.clock = b.clock;
        this.random = b.random;
        ObjectMapper mapper = PatternHubJson.newMapper();
        this.responses = new TokenEndpointResponses(mapper, config.platform().orElse(null), config.scopeSeparator());
    }

    /**
     * A builder for a client with this configuration.
     *
     * @param config the platform and app settings
     * @return the builder
     */
    public static Builder builder(OAuth2Config config) {
        return new Builder(config);
    }

    /** The configuration this client uses. */
    public OAuth2Config config() {
        return config;
    }

    /** The clock used to turn {@code expires_in} into an expiry time. */
    public Clock clock() {
        return clock;
    }

    /**
     * A new authorization attempt: the URL with {@code response_type=code}, {@code client_id},
     * {@code redirect_uri}, {@code scope}, a random {@code state} and, when PKCE is on, the S256 challenge.
     * Keep the returned request (state and verifier) until the callback.
     *
     * @return the request
     * @throws ConfigurationException if no authorization endpoint or redirect URI is configured
     */
    public AuthorizationRequest authorizationRequest() {
        HttpUrl endpoint = HttpUrl.get(config.authorizationEndpoint().orElseThrow(
                () -> configError("no authorization endpoint is configured")));
        String redirectUri = config.redirectUri().orElseThrow(
                () -> configError("no redirect URI is configured")).toString();
        String state = Secrets.randomUrlSafe(random, STATE_BYTES);
        HttpUrl.Builder url = endpoint.newBuilder()
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", config.clientId())
                .addQueryParameter("redirect_uri", redirectUri);
        if (!config.scopes().isEmpty()) {
            url.addQueryParameter("scope", String.join(config.scopeSeparator(), config.scopes()));
        }
        url.addQueryParameter("state", state);
        PkceChallenge pkce = null;
        if (config.pkce()) {
            pkce = PkceChallenge.generate(random);
            url.addQueryParameter("code_challenge", pkce.challenge())
                    .addQueryParameter("code_challenge_method", pkce.method());
        }
        config.extraAuthorizationParams().forEach(url::addQueryParameter);
        return new AuthorizationRequest(url.build().uri(), state, pkce, config.platform().orElse(null));
    }

    /**
     * Exchanges the code from the callback for a token.
     *
     * @param code         the {@code code} query parameter of the callback
     * @param codeVerifier the PKCE verifier of the matching {@link AuthorizationRequest}; {@code null} only
     *                     when PKCE is off
     * @return the token
     */
    public OAuthToken exchangeCode(String code, String codeVerifier) {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw configError("the authorization code is empty; pass the callback's code parameter");
        }
        if (config.pkce() && codeVerifier == null) {
            throw configError("PKCE is on: pass the code verifier of the AuthorizationRequest");
        }
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", config.redirectUri().orElseThrow(
                        () -> configError("no redirect URI is configured")).toString());
        if (codeVerifier != null) {
            form.add("code_verifier", PkceChallenge.fromVerifier(codeVerifier).verifier());
        }
        OAuthToken token = post(form, "authorization_code");
        return token.scopes().isEmpty() ? token.toBuilder().scopes(config.scopes()).build() : token;
    }

    /**
     * Checks the callback's state against the request, then exchanges the code.
     *
     * @param request       the request the seller was sent with
     * @param returnedState the callback's {@code state} parameter
     * @param code          the callback's {@code code} parameter
     * @return the token
     * @throws io.patternhub.core.error.AuthenticationException if the state does not match
     */
    public OAuthToken exchangeCode(AuthorizationRequest request, String returnedState, String code) {
        request.verifyState(returnedState);
        return exchangeCode(code, request.codeVerifier().orElse(null));
    }

    /**
     * Exchanges a refresh token for a new token. When the platform rotates refresh tokens the result
     * carries the new one and the old one is dead: store the result before using it. When the platform
     * does not return a refresh token, the given one is kept in the result.
     *
     * @param refreshToken the current refresh token
     * @return the new token
     */
    public OAuthToken refresh(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        if (refreshToken.isBlank()) {
            throw configError("the refresh token is empty");
        }
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken);
        OAuthToken token = post(form, "refresh_token");
        return token.refreshToken().isPresent() ? token : token.toBuilder().refreshToken(refreshToken).build();
    }

    private OAuthToken post(FormBody.Builder form, String grant) {
        Request.Builder request = new Request.Builder()
                .url(HttpUrl.get(config.tokenEndpoint()))
                .header("Accept", "application/json");
        switch (config.clientAuthMethod()) {
            case BASIC_HEADER:
                // RFC 6749 section 2.3.1: form-encode both parts before Basic encoding.
                request.header("Authorization", Credentials.basic(formEncode(config.clientId()),
                        formEncode(config.clientSecret().orElseThrow()), StandardCharsets.UTF_8));
                break;
            case FORM_BODY:
                form.add("client_id", config.clientId()).add("client_secret", config.clientSecret().orElseThrow());
                break;
            case NONE:
            default:
                form.add("client_id", config.clientId());
                break;
        }
        request.post(form.build());
        Instant issuedAt = clock.instant();
        try (Response response = httpClient.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return responses.parse(response.code(), text, requestId(response), response.header("Retry-After"),
                    issuedAt, grant);
        } catch (IOException e) {
            throw new ConnectionException("could not reach the token endpoint " + config.tokenEndpoint().getHost()
                    + " (" + grant + "): " + e.getMessage() + "; the call can be retried",
                    ErrorContext.builder().platform(config.platform().orElse(null)).retryable(true).build(), e);
        }
    }

    private static String requestId(Response response) {
        String id = response.header("X-Request-Id");
        return id != null ? id : response.header("X-Correlation-Id");
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private ConfigurationException configError(String message) {
        return new ConfigurationException("OAuth2Client: " + message,
                ErrorContext.builder().platform(config.platform().orElse(null)).build());
    }

    @Override
    public String toString() {
        return "OAuth2Client{" + config + "}";
    }

    /** Builds an {@link OAuth2Client}. */
    public static final class Builder {
        private final OAuth2Config config;
        private OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder(OAuth2Config config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The HTTP client for the token endpoint (share one per application); a new one by default. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** The clock for expiry times; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of state and PKCE randomness; a new {@link SecureRandom} by default. */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public OAuth2Client build() {
            return new OAuth2Client(this);
        }
    }
}
