package io.patternhub.ravelry;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthorizationRequest;
import io.patternhub.core.auth.ClientAuthMethod;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuth2Client;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.auth.PlatformOAuthBuilder;
import io.patternhub.core.auth.TokenStore;
import java.net.URI;
import java.util.List;

/**
 * Connects a seller's Ravelry account with OAuth 2.0 authorization code. Ravelry accepts the client id
 * and secret only in the {@code Authorization: Basic} header of token requests (never in the body),
 * issues access tokens that expire after 24 hours, and returns a refresh token only when the
 * {@code offline} scope was asked for; {@link OAuth2AuthScheme} refreshes ahead of expiry and once
 * after a 401. PKCE is not mentioned by Ravelry's docs and is not used. Thread-safe.
 *
 * <p>Scopes: {@code patternstore-read} lists stores and products; {@code patternstore-write} (products
 * and attachments) is granted only to apps Ravelry whitelisted; sales ({@code patternstore-purchases})
 * are not available to OAuth apps at all: read them with the seller's personal key
 * ({@link RavelryStorefront.Builder#personalKey}).
 *
 * <pre>{@code
 * RavelryOAuth oauth = RavelryOAuth.builder("client-id", "client-secret",
 *         URI.create("https://app.example/ravelry/callback")).build();
 * AuthorizationRequest req = oauth.authorizationRequest();      // keep req until the callback
 * OAuthToken token = oauth.exchangeCode(req, stateParam, codeParam);
 * OAuth2AuthScheme auth = oauth.authScheme(tokenStore, "ravelry-store-42");
 * auth.replaceToken(token);
 * }</pre>
 */
public final class RavelryOAuth {
    /** Ravelry's authorization page. */
    public static final String AUTHORIZATION_ENDPOINT = "https://www.ravelry.com/oauth2/auth";
    /** Ravelry's token endpoint. */
    public static final String TOKEN_ENDPOINT = "https://www.ravelry.com/oauth2/token";
    /**
     * {@code offline} (refresh tokens; access tokens last only 24 hours), {@code patternstore-read}
     * and {@code patternstore-write} (whitelisted apps only; others get tokens without it).
     */
    public static final List<String> DEFAULT_SCOPES = List.of("offline", "patternstore-read", "patternstore-write");

    private final OAuth2Client client;

    private RavelryOAuth(OAuth2Client client) {
        this.client = client;
    }

    /**
     * Starts a configuration.
     *
     * @param clientId     the app's OAuth 2.0 client id
     * @param clientSecret the app's client secret (sent only in the Basic header)
     * @param redirectUri  the callback registered for the app
     * @return the builder
     */
    public static Builder builder(String clientId, String clientSecret, URI redirectUri) {
        return new Builder(clientId, clientSecret, redirectUri);
    }

    /**
     * A new authorization attempt: URL with the scopes (space separated) and a random state.
     *
     * @return the request; keep it until the callback
     */
    public AuthorizationRequest authorizationRequest() {
        return client.authorizationRequest();
    }

    /**
     * Checks the callback's state and exchanges its code for a token.
     *
     * @param request       the request the seller was sent with
     * @param returnedState the callback's {@code state}
     * @param code          the callback's {@code code}
     * @return the token (24 hours; with a refresh token if {@code offline} was granted)
     * @throws io.patternhub.core.error.AuthenticationException if the state does not match or Ravelry refuses
     */
    public OAuthToken exchangeCode(AuthorizationRequest request, String returnedState, String code) {
        return client.exchangeCode(request, returnedState, code);
    }

    /**
     * Refreshes a token directly; usually {@link OAuth2AuthScheme} does this for you.
     *
     * @param refreshToken the refresh token
     * @return the new token
     */
    public OAuthToken refresh(String refreshToken) {
        return client.refresh(refreshToken);
    }

    /**
     * A bearer scheme for one connection: refreshes ahead of expiry, single-flight, and once after a 401.
     *
     * @param store        where the connection's token lives
     * @param connectionId the connection's key in the store
     * @return the scheme to pass to {@link RavelryStorefront.Builder#auth}
     */
    public OAuth2AuthScheme authScheme(TokenStore store, String connectionId) {
        return OAuth2AuthScheme.builder(client).tokenStore(store).connectionId(connectionId).build();
    }

    /** The underlying OAuth client. */
    public OAuth2Client client() {
        return client;
    }

    /** Configures {@link RavelryOAuth}: the shared settings of {@link PlatformOAuthBuilder}. Not thread-safe. */
    public static final class Builder extends PlatformOAuthBuilder<Builder> {
        private final String clientId;
        private final String clientSecret;

        private Builder(String clientId, String clientSecret, URI redirectUri) {
            super(redirectUri, DEFAULT_SCOPES, AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT);
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the helper.
         *
         * @return the helper
         * @throws io.patternhub.core.error.ConfigurationException if the id or secret is blank or an endpoint is not HTTPS
         */
        public RavelryOAuth build() {
            // The id and secret only in the Basic header; PKCE is not part of Ravelry's flow.
            return new RavelryOAuth(client(config -> config.platform(Platform.RAVELRY).clientId(clientId)
                    .clientSecret(clientSecret).clientAuthMethod(ClientAuthMethod.BASIC_HEADER).pkce(false)));
        }
    }
}
