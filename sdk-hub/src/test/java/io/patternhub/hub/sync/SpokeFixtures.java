package io.patternhub.hub.sync;

import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.woocommerce.WooCommerceStorefront;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Shopify and WooCommerce sandboxes wired to storefronts, for hub tests. */
final class SpokeFixtures {
    static final String SHOPIFY_TOKEN = "shpat_hub_test";
    static final HubFileUrls FILE_URLS = HubFileUrls.signed("https://hub.patternhub.test/files/",
            "a-32-byte-secret-for-hub-file-url".getBytes(StandardCharsets.UTF_8));

    private SpokeFixtures() {
    }

    /** A sandbox whose cost bucket is large enough that tests never wait on it. */
    static ShopifySandbox shopifySandbox() {
        return ShopifySandbox.builder().accessToken(SHOPIFY_TOKEN).costBucket(1_000_000, 1_000_000).build().start();
    }

    static ShopifyStorefront shopify(ShopifySandbox shop) {
        URI graphql = URI.create(shop.graphqlUrl());
        return ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority())
                .accessToken(SHOPIFY_TOKEN).clientSecret(shop.clientSecret())
                .retry(RetrySettings.none()).bulkPollInterval(Duration.ofMillis(20)).build();
    }

    static WooCommerceSandbox wooSandbox() {
        return WooCommerceSandbox.builder().build().start();
    }

    /** A WooCommerce storefront with the default resolver: it links to each file's own http(s) location. */
    static WooCommerceStorefront woo(WooCommerceSandbox woo) {
        return WooCommerceStorefront.builder().siteUrl(woo.baseUrl()).credentials(woo.consumerKey(), woo.consumerSecret())
                .currency("EUR").rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).build();
    }
}
