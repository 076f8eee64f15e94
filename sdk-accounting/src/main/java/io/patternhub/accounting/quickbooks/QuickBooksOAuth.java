package io.patternhub.accounting.quickbooks;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuth2Config;

/**
 * OAuth 2.0 settings for QuickBooks Online, from Intuit's discovery document
 * ({@code https://developer.api.intuit.com/.well-known/openid_configuration}). Refresh tokens rotate:
 * {@link io.patternhub.core.auth.OAuth2AuthScheme} stores each new one before using it.
 */
public final class QuickBooksOAuth {
    /** Where the seller consents. */
    public static final String AUTHORIZATION_ENDPOINT = "https://appcenter.intuit.com/connect/oauth2";
    /** Where codes and refresh tokens are exchanged. */
    public static final String TOKEN_ENDPOINT = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer";
    /** The accounting scope. */
    public static final String ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

    private QuickBooksOAuth() {
    }

    /**
     * A configuration for the authorization-code flow; the company id ({@code realmId}) comes back on the
     * redirect together with the code.
     *
     * @param clientId     the app's client id
     * @param clientSecret the app's client secret
     * @param redirectUri  the registered redirect URI
     * @return a builder to adjust further (for example the token endpoint of a sandbox)
     */
    public static OAuth2Config.Builder config(String clientId, String clientSecret, String redirectUri) {
        return OAuth2Config.builder().platform(Platform.QUICKBOOKS).authorizationEndpoint(AUTHORIZATION_ENDPOINT)
                .tokenEndpoint(TOKEN_ENDPOINT).clientId(clientId).clientSecret(clientSecret)
                .redirectUri(redirectUri).scopes(ACCOUNTING_SCOPE);
    }
}
