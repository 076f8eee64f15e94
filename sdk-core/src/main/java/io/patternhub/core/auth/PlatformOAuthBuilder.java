package io.patternhub.core.auth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The settings every platform module's OAuth helper builder shares ({@code EtsyOAuth.Builder},
 * {@code RavelryOAuth.Builder}): redirect URI, scopes, endpoints, HTTP client and clock. The platform's
 * builder extends it and adds its credentials and token-endpoint rules in {@link #client}.
 *
 * @param <B> the concrete builder
 */
public abstract class PlatformOAuthBuilder<B extends PlatformOAuthBuilder<B>> {
    private final URI redirectUri;
    private List<String> scopes;
    private String authorizationEndpoint;
    private String tokenEndpoint;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    /**
     * Starts with the platform's defaults.
     *
     * @param redirectUri           the callback registered for the app
     * @param defaultScopes         the scopes asked for unless {@link #scopes} replaces them
     * @param authorizationEndpoint the platform's authorization page
     * @param tokenEndpoint         the platform's token endpoint
     */
    protected PlatformOAuthBuilder(URI redirectUri, List<String> defaultScopes, String authorizationEndpoint,
            String tokenEndpoint) {
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.scopes = List.copyOf(defaultScopes);
        this.authorizationEndpoint = Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    }

    /**
     * This builder, typed.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * Replaces the scopes asked for (default: the helper's {@code DEFAULT_SCOPES}).
     *
     * @param scopes the platform's scope names
     * @return this builder
     */
    public B scopes(List<String> scopes) {
        this.scopes = List.copyOf(scopes);
        return self();
    }

    /**
     * Overrides the endpoints, e.g. to point at a local sandbox.
     *
     * @param authorizationEndpoint the authorize URL
     * @param tokenEndpoint         the token URL
     * @return this builder
     */
    public B endpoints(String authorizationEndpoint, String tokenEndpoint) {
        this.authorizationEndpoint = Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        return self();
    }

    /**
     * The OkHttp client for token calls; a new one by default.
     *
     * @param httpClient the client
     * @return this builder
     */
    public B httpClient(OkHttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return self();
    }

    /**
     * The clock that turns {@code expires_in} into an expiry.
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * The OAuth client: endpoints, redirect URI and scopes (space separated) from this builder, platform,
     * credentials, client authentication and PKCE from {@code platformSettings}, which may override them.
     *
     * @param platformSettings sets the platform's part of the config
     * @return the client
     * @throws io.patternhub.core.error.ConfigurationException if the config is invalid (e.g. an endpoint is
     *     not HTTPS, a credential is blank)
     */
    protected final OAuth2Client client(Consumer<OAuth2Config.Builder> platformSettings) {
        OAuth2Config.Builder config = OAuth2Config.builder()
                .authorizationEndpoint(authorizationEndpoint)
                .tokenEndpoint(tokenEndpoint)
                .redirectUri(redirectUri)
                .scopes(scopes)
                .scopeSeparator(" ");
        platformSettings.accept(config);
        OAuth2Client.Builder client = OAuth2Client.builder(config.build()).clock(clock);
        if (httpClient != null) {
            client.httpClient(httpClient);
        }
        return client.build();
    }
}
