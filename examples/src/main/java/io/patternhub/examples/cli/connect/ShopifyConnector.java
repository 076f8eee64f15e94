package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

/**
 * Shopify's settings ({@code PATTERNHUB_SHOPIFY_SHOP}, {@code _ACCESS_TOKEN}, {@code _BASE_URL}) are
 * recognised, but this build has no Shopify storefront yet, so configuring it is refused clearly.
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
        c.baseUrlOverride();
        throw new ConfigurationException("Shopify is configured, but this build has no Shopify storefront yet;"
                + " unset the PATTERNHUB_SHOPIFY_* settings or use a build that includes sdk-shopify", ErrorContext.empty());
    }
}
