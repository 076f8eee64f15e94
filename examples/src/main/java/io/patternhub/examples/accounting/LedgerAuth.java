package io.patternhub.examples.accounting;

import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuth2Client;
import io.patternhub.core.auth.OAuth2Config;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.connect.Credentials;
import okhttp3.Request;
import okhttp3.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ledger's credentials from its settings, the way storefront connections do it: with
 * {@code _REFRESH_TOKEN}, {@code _CLIENT_ID} and {@code _CLIENT_SECRET} an {@link OAuth2AuthScheme} over
 * the hub's encrypted token store (seeded once from the settings; the rotated token it stores wins
 * afterwards); with only {@code _ACCESS_TOKEN} that token as it is.
 */
final class LedgerAuth {
    /** A redirect URI is part of the app's OAuth settings, though refreshing never sends it. */
    private static final String UNUSED_REDIRECT = "http://localhost/patternhub/ledger/callback";

    private LedgerAuth() {
    }

    /**
     * @param display       the ledger's name for messages, e.g. {@code Xero}
     * @param c             the ledger's settings
     * @param connectionId  the connection's id in the token store
     * @param oauth         the platform's OAuth settings for a client id and secret (endpoints, scopes)
     * @param tokenEndpoint the token endpoint to use (the platform's, or the base URL override's)
     * @return the scheme to give the ledger
     * @throws ConfigurationException when no token is configured, or a refresh token without the app's credentials
     */
    static AuthScheme resolve(String display, Credentials c, String connectionId, OAuthSettings oauth,
                              String tokenEndpoint) {
        OAuthToken token = c.configuredToken().orElseThrow(() -> new ConfigurationException("Posting to " + display
                + " needs its OAuth tokens: set " + c.name("REFRESH_TOKEN") + " with " + c.name("CLIENT_ID") + " and "
                + c.name("CLIENT_SECRET") + " (refreshed automatically), or a current " + c.name("ACCESS_TOKEN")
                + " (environment or patternhub.yaml)", ErrorContext.empty()));
        if (token.refreshToken().isEmpty()) {
            return ApiKeyAuth.header("Authorization", "Bearer " + token.accessToken());
        }
        List<String> missing = new ArrayList<>();
        for (String s : new String[] {"CLIENT_ID", "CLIENT_SECRET"}) {
            if (c.get(s).isEmpty()) {
                missing.add(c.name(s));
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("Refreshing " + display + "'s token needs the app's credentials: set "
                    + String.join(" and ", missing) + " (environment or patternhub.yaml)", ErrorContext.empty());
        }
        OAuth2Config config = oauth.config(c.get("CLIENT_ID").orElseThrow(), c.get("CLIENT_SECRET").orElseThrow(),
                UNUSED_REDIRECT).tokenEndpoint(tokenEndpoint).build();
        OAuth2AuthScheme scheme = OAuth2AuthScheme.builder(OAuth2Client.builder(config).build())
                .tokenStore(c.seededTokenStore(connectionId, token)).connectionId(connectionId).build();
        return new SettingsHint(scheme, display, c);
    }

    /** The platform's OAuth settings for an app. */
    @FunctionalInterface
    interface OAuthSettings {
        OAuth2Config.Builder config(String clientId, String clientSecret, String redirectUri);
    }

    /** Turns a refused refresh into a message that names the settings to fix. */
    private static final class SettingsHint implements AuthScheme {
        private final OAuth2AuthScheme delegate;
        private final String display;
        private final Credentials c;

        SettingsHint(OAuth2AuthScheme delegate, String display, Credentials c) {
            this.delegate = delegate;
            this.display = display;
            this.c = c;
        }

        @Override
        public void authorize(Request.Builder request) {
            try {
                delegate.authorize(request);
            } catch (AuthenticationException e) {
                throw withHint(e);
            }
        }

        @Override
        public boolean renewAfterUnauthorized(Response unauthorized) {
            try {
                return delegate.renewAfterUnauthorized(unauthorized);
            } catch (AuthenticationException e) {
                throw withHint(e);
            }
        }

        private AuthenticationException withHint(AuthenticationException e) {
            Optional<String> code = e.platformErrorCode();
            String fix;
            if (code.filter(x -> x.equals("invalid_client") || x.equals("unauthorized_client")).isPresent()) {
                fix = display + " refused the app's credentials (" + code.get() + "): check " + c.name("CLIENT_ID")
                        + " and " + c.name("CLIENT_SECRET");
            } else if (code.filter("invalid_grant"::equals).isPresent()) {
                fix = display + " refused the stored refresh token (invalid_grant: expired, revoked or already used):"
                        + " authorise the app again and put the new refresh token in " + c.name("REFRESH_TOKEN")
                        + " (a changed setting replaces the stored token)";
            } else {
                fix = display + " refused the credentials: check " + c.name("REFRESH_TOKEN") + ", "
                        + c.name("CLIENT_ID") + " and " + c.name("CLIENT_SECRET");
            }
            return new AuthenticationException(fix + ". " + e.getMessage(), e.context(), e);
        }
    }
}
