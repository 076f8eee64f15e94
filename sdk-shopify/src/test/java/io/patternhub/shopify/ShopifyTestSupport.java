package io.patternhub.shopify;

import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Wires a {@link ShopifyStorefront} to a {@link ShopifySandbox}. */
final class ShopifyTestSupport {
    static final String TOKEN = "shpat_test";
    /** Quick retries: tests count calls and states, never time. */
    static final RetrySettings FAST_RETRY = new RetrySettings(4, Duration.ofMillis(5), Duration.ofMillis(40), 0.2,
            Duration.ofSeconds(5));

    private ShopifyTestSupport() {
    }

    /** A sandbox with a bucket large enough that functional tests never wait. */
    static ShopifySandbox roomySandbox() {
        return ShopifySandbox.builder().accessToken(TOKEN).costBucket(100_000, 100_000).build().start();
    }

    static ShopifyStorefront.Builder storefront(ShopifySandbox shop) {
        URI graphql = URI.create(shop.graphqlUrl());
        return ShopifyStorefront.builder()
                .shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority())
                .accessToken(TOKEN)
                .clientSecret(shop.clientSecret())
                .retry(FAST_RETRY)
                .bulkPollInterval(Duration.ofMillis(20));
    }

    static ListingDraft draft(String sku, String title, String price) {
        return ListingDraft.builder().sku(sku).title(title).description("<p>A PDF sewing pattern: " + title + "</p>")
                .price(Money.of(price, "USD")).addTags("sewing pattern", "pdf").build();
    }

    static PatternFile pdf(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PatternFile.fromContent(name, () -> new ByteArrayInputStream(bytes)).build();
    }
}
