package io.patternhub.accounting.xero;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuth2Config;

/** OAuth 2.0 settings for Xero (endpoints from the Xero Accounting API specification). */
public final class XeroOAuth {
    /** Where the seller consents. */
    public static final String AUTHORIZATION_ENDPOINT = "https://login.xero.com/identity/connect/authorize";
    /** Where codes and refresh tokens are exchanged. */
    public static final String TOKEN_ENDPOINT = "https://identity.xero.com/connect/token";

    private XeroOAuth() {
    }

    /**
     * A configuration for the authorization-code flow with PKCE; Xero rotates the refresh token on each
     * refresh, which {@link io.patternhub.core.auth.OAuth2AuthScheme} stores before use.
     *
     * @param clientId     the app's client id
     * @param clientSecret the app's secret, or null for a PKCE-only app
     * @param redirectUri  the registered redirect URI
     * @param scopes       granular (new apps) or broad (older apps) scopes
     * @return a builder to adjust further (for example the token endpoint of a sandbox)
     */
    public static OAuth2Config.Builder config(String clientId, String clientSecret, String redirectUri,
            XeroScopes scopes) {
        return OAuth2Config.builder().platform(Platform.XERO).authorizationEndpoint(AUTHORIZATION_ENDPOINT)
                .tokenEndpoint(TOKEN_ENDPOINT).clientId(clientId).clientSecret(clientSecret)
                .redirectUri(redirectUri).scopes(scopes.scopes());
    }
}
