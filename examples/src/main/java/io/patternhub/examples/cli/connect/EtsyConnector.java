package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.etsy.EtsyOAuth;
import io.patternhub.etsy.EtsyStorefront;

import java.net.URI;
import java.util.Map;

/**
 * Etsy from {@code PATTERNHUB_ETSY_API_KEY} ({@code keystring:shared_secret}), {@code _SHOP_ID},
 * {@code _ACCESS_TOKEN} and/or {@code _REFRESH_TOKEN}; optional {@code _TAXONOMY_ID} (needed to create
 * listings), {@code _CURRENCY} (default USD), {@code _WEBHOOK_SECRET} and {@code _BASE_URL}.
 */
public final class EtsyConnector implements StorefrontConnector {
    @Override
    public Platform platform() {
        return Platform.ETSY;
    }

    @Override
    public boolean configured(Credentials c) {
        return c.anyPresent("API_KEY", "SHOP_ID", "ACCESS_TOKEN", "REFRESH_TOKEN");
    }

    @Override
    public String requiredSettings() {
        return "PATTERNHUB_ETSY_API_KEY, PATTERNHUB_ETSY_SHOP_ID and PATTERNHUB_ETSY_ACCESS_TOKEN (or _REFRESH_TOKEN)";
    }

    @Override
    public StorefrontConnection connect(Credentials c) {
        c.requireAll("Etsy", "API_KEY", "SHOP_ID");
        OAuthToken token = c.configuredToken().orElseThrow(() -> new ConfigurationException("Etsy is only partly"
                + " configured: set " + c.name("ACCESS_TOKEN") + " or " + c.name("REFRESH_TOKEN"), ErrorContext.empty()));
        String apiKey = c.require("API_KEY", "Etsy needs the app's key");
        long shopId = c.getLong("SHOP_ID").orElseThrow();
        String origin = c.baseUrlOverride().orElse(EtsyStorefront.DEFAULT_BASE_URL);
        String currency = c.get("CURRENCY").orElse("USD");
        EtsyStorefront.Builder b = EtsyStorefront.builder().shopId(shopId).apiKey(apiKey).baseUrl(origin)
                .shopCurrency(currency)
                // the hub keeps fees for reconciliation: one more call per polled receipt
                .feesWithOrderStream(true);
        c.getLong("TAXONOMY_ID").ifPresent(b::taxonomyId);
        c.get("WEBHOOK_SECRET").ifPresent(b::webhookSecret);
        if (token.refreshToken().isPresent()) {
            String keystring = apiKey.contains(":") ? apiKey.substring(0, apiKey.indexOf(':')) : apiKey;
            EtsyOAuth oauth = EtsyOAuth.builder(keystring, URI.create("http://localhost/patternhub/etsy/callback"))
                    .endpoints(EtsyOAuth.AUTHORIZATION_ENDPOINT, origin + "/v3/public/oauth/token").build();
            String connection = "etsy-" + shopId;
            b.auth(oauth.authScheme(c.seededTokenStore(connection, token), connection));
        } else {
            b.accessToken(token.accessToken());
        }
        return new StorefrontConnection(Platform.ETSY, "etsy", b.build(), currency, Map.of());
    }
}
