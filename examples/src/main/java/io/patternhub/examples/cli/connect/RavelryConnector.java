package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.ravelry.RavelryOAuth;
import io.patternhub.ravelry.RavelryStorefront;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ravelry from {@code PATTERNHUB_RAVELRY_STORE_ID} plus either the seller's personal key
 * ({@code _ACCESS_KEY} and {@code _PERSONAL_KEY}; needed to read sales) or an OAuth token
 * ({@code _ACCESS_TOKEN}, and {@code _REFRESH_TOKEN} with {@code _CLIENT_ID} and {@code _CLIENT_SECRET}
 * to refresh it). New products need a pattern source: {@code _PATTERN_ID} or {@code _DRAFT_PATTERN_ID}.
 * Optional {@code _CURRENCY} (default USD) and {@code _BASE_URL}.
 */
public final class RavelryConnector implements StorefrontConnector {
    @Override
    public Platform platform() {
        return Platform.RAVELRY;
    }

    @Override
    public boolean configured(Credentials c) {
        return c.anyPresent("STORE_ID", "ACCESS_KEY", "PERSONAL_KEY", "ACCESS_TOKEN", "REFRESH_TOKEN");
    }

    @Override
    public String requiredSettings() {
        return "PATTERNHUB_RAVELRY_STORE_ID with PATTERNHUB_RAVELRY_ACCESS_KEY and PATTERNHUB_RAVELRY_PERSONAL_KEY"
                + " (or PATTERNHUB_RAVELRY_ACCESS_TOKEN)";
    }

    @Override
    public StorefrontConnection connect(Credentials c) {
        c.requireAll("Ravelry", "STORE_ID");
        long storeId = c.getLong("STORE_ID").orElseThrow();
        String origin = c.baseUrlOverride().orElse(RavelryStorefront.DEFAULT_BASE_URL);
        String currency = c.get("CURRENCY").orElse("USD");
        RavelryStorefront.Builder b = RavelryStorefront.builder().storeId(storeId).baseUrl(origin).storeCurrency(currency);
        Optional<OAuthToken> token = c.configuredToken();
        if (c.anyPresent("ACCESS_KEY", "PERSONAL_KEY")) {
            c.requireAll("Ravelry", "ACCESS_KEY", "PERSONAL_KEY");
            b.personalKey(c.get("ACCESS_KEY").orElseThrow(), c.get("PERSONAL_KEY").orElseThrow());
        } else if (token.isPresent() && token.get().refreshToken().isPresent()) {
            c.requireAll("Ravelry (refreshing its token)", "CLIENT_ID", "CLIENT_SECRET");
            String tokenEndpoint = c.baseUrlOverride().map(o -> o + "/oauth2/token").orElse(RavelryOAuth.TOKEN_ENDPOINT);
            RavelryOAuth oauth = RavelryOAuth.builder(c.get("CLIENT_ID").orElseThrow(), c.get("CLIENT_SECRET").orElseThrow(),
                    URI.create("http://localhost/patternhub/ravelry/callback"))
                    .endpoints(RavelryOAuth.AUTHORIZATION_ENDPOINT, tokenEndpoint).build();
            String connection = "ravelry-" + storeId;
            b.auth(oauth.authScheme(c.seededTokenStore(connection, token.get()), connection));
        } else if (token.isPresent()) {
            b.accessToken(token.get().accessToken());
        } else {
            throw new ConfigurationException("Ravelry is only partly configured: set " + c.name("ACCESS_KEY") + " and "
                    + c.name("PERSONAL_KEY") + ", or " + c.name("ACCESS_TOKEN"), ErrorContext.empty());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        c.get("PATTERN_ID").ifPresent(v -> attributes.put("pattern_id", v));
        c.get("DRAFT_PATTERN_ID").ifPresent(v -> attributes.put("draft_pattern_id", v));
        return new StorefrontConnection(Platform.RAVELRY, "ravelry", b.build(), currency, attributes);
    }
}
