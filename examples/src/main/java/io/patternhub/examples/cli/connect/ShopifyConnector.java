package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.shopify.ShopifyStorefront;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Shopify from {@code PATTERNHUB_SHOPIFY_SHOP} ({@code tilly} or {@code tilly.myshopify.com}) and
 * {@code _ACCESS_TOKEN} (a custom app's Admin API token); optional {@code _CURRENCY} (default USD),
 * {@code _CLIENT_SECRET} (verifies webhooks) and {@code _BASE_URL} (replaces {@code https://{shop}}).
 * Shopify has no digital-download API: the sync creates products, buyers get files from the hub.
 */
public final class ShopifyConnector implements StorefrontConnector {
    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public boolean configured(Credentials c) {
        return c.anyPresent("SHOP", "ACCESS_TOKEN");
    }

    @Override
    public String requiredSettings() {
        return "PATTERNHUB_SHOPIFY_SHOP and PATTERNHUB_SHOPIFY_ACCESS_TOKEN";
    }

    @Override
    public StorefrontConnection connect(Credentials c) {
        c.requireAll("Shopify", "SHOP", "ACCESS_TOKEN");
        String shop = c.get("SHOP").orElseThrow().trim().toLowerCase(Locale.ROOT);
        String domain = shop.contains(".") ? shop : shop + ".myshopify.com";
        String currency = c.get("CURRENCY").orElse("USD");
        ShopifyStorefront.Builder b = ShopifyStorefront.builder().shopDomain(domain)
                .accessToken(c.get("ACCESS_TOKEN").orElseThrow()).currency(Currency.getInstance(currency));
        c.baseUrlOverride().ifPresent(b::baseUrl);
        c.get("CLIENT_SECRET").ifPresent(b::clientSecret);
        return new StorefrontConnection(Platform.SHOPIFY, "shopify", b.build(), currency, Map.of());
    }
}
