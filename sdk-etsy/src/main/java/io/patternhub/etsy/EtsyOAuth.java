package io.patternhub.etsy;

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
 * Connects a seller's Etsy shop with OAuth 2.0 authorization code + PKCE (S256), the only grant Etsy
 * offers. Etsy apps are public clients: the keystring is the {@code client_id} and no secret is sent
 * to the token endpoint. Access tokens last one hour; every refresh returns a new refresh token and
 * kills the old one, which {@link OAuth2AuthScheme} stores before use. Thread-safe.
 *
 * <pre>{@code
 * EtsyOAuth oauth = EtsyOAuth.builder("keystring", URI.create("https://app.example/etsy/callback")).build();
 * AuthorizationRequest req = oauth.authorizationRequest();      // keep req until the callback
 * // redirect the seller to req.url(); on the callback:
 * OAuthToken token = oauth.exchangeCode(req, stateParam, codeParam);
 * OAuth2AuthScheme auth = oauth.authScheme(tokenStore, "etsy-shop-123");
 * auth.replaceToken(token);
 * }</pre>
 */
public final class EtsyOAuth {
    /** Etsy's authorization page. */
    public static final String AUTHORIZATION_ENDPOINT = "https://www.etsy.com/oauth/connect";
    /** Etsy's token endpoint. */
    public static final String TOKEN_ENDPOINT = "https://openapi.etsy.com/v3/public/oauth/token";
    /**
     * The scopes the storefront's operations need, per the spec's per-operation security: read and
     * write listings and files ({@code listings_r}, {@code listings_w}), delete files ({@code listings_d}
     * is not needed: file deletion is covered by {@code listings_w}), read receipts, payments and the
     * ledger ({@code transactions_r}).
     */
    public static final List<String> DEFAULT_SCOPES = List.of("listings_r", "listings_w", "transactions_r");

    private final OAuth2Client client;

    private EtsyOAuth(OAuth2Client client) {
        this.client = client;
    }

    /**
     * Starts a configuration.
     *
     * @param keystring   the app's keystring (its OAuth client id)
     * @param redirectUri the callback registered for the app
     * @return the builder
     */
    public static Builder builder(String keystring, URI redirectUri) {
        return new Builder(keystring, redirectUri);
    }

    /**
     * A new authorization attempt: URL with the scopes, a random state and the PKCE challenge.
     *
     * @return the request; keep it (state and code verifier) until the callback
     */
    public AuthorizationRequest authorizationRequest() {
        return client.authorizationRequest();
    }

    /**
     * Checks the callback's state and exchanges its code (with the PKCE verifier) for a token.
     *
     * @param request       the request the seller was sent with
     * @param returnedState the callback's {@code state}
     * @param code          the callback's {@code code}
     * @return the token
     * @throws io.patternhub.core.error.AuthenticationException if the state does not match or Etsy refuses
     */
    public OAuthToken exchangeCode(AuthorizationRequest request, String returnedState, String code) {
        return client.exchangeCode(request, returnedState, code);
    }

    /**
     * Refreshes a token directly; usually {@link OAuth2AuthScheme} does this for you.
     *
     * @param refreshToken the current refresh token (dead once this returns)
     * @return the new token with its new refresh token; store it before use
     */
    public OAuthToken refresh(String refreshToken) {
        return client.refresh(refreshToken);
    }

    /**
     * A bearer scheme for one shop connection: refreshes ahead of expiry, single-flight, storing the
     * rotated refresh token before use.
     *
     * @param store        where the connection's token lives
     * @param connectionId the connection's key in the store
     * @return the scheme to pass to {@link EtsyStorefront.Builder#auth}
     */
    public OAuth2AuthScheme authScheme(TokenStore store, String connectionId) {
        return OAuth2AuthScheme.builder(client).tokenStore(store).connectionId(connectionId).build();
    }

    /** The underlying OAuth client. */
    public OAuth2Client client() {
        return client;
    }

    /** Configures {@link EtsyOAuth}: the shared settings of {@link PlatformOAuthBuilder}. Not thread-safe. */
    public static final class Builder extends PlatformOAuthBuilder<Builder> {
        private final String keystring;

        private Builder(String keystring, URI redirectUri) {
            super(redirectUri, DEFAULT_SCOPES, AUTHORIZATION_ENDPOINT, TOKEN_ENDPOINT);
            this.keystring = keystring;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the helper.
         *
         * @return the helper
         * @throws io.patternhub.core.error.ConfigurationException if the keystring is blank or an endpoint is not HTTPS
         */
        public EtsyOAuth build() {
            // A public client: the keystring is the client id, no secret, PKCE (S256) required.
            return new EtsyOAuth(client(config -> config.platform(Platform.ETSY).clientId(keystring)
                    .clientAuthMethod(ClientAuthMethod.NONE).pkce(true)));
        }
    }
}
