package io.patternhub.woocommerce;

import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.FileContent;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Shared set-up: a sandbox and a storefront pointed at it. */
final class WooTestSupport {
    static final String FILE_HOST = "https://files.patternhub.test/";

    private WooTestSupport() {
    }

    static WooCommerceSandbox sandbox() {
        return WooCommerceSandbox.builder().build().start();
    }

    static WooCommerceSandbox sandbox(Clock clock) {
        return WooCommerceSandbox.builder().clock(clock).build().start();
    }

    static WooCommerceStorefront.Builder storefront(WooCommerceSandbox woo) {
        return WooCommerceStorefront.builder()
                .siteUrl(woo.baseUrl())
                .credentials(woo.consumerKey(), woo.consumerSecret())
                .currency("EUR")
                .fileUrls(f -> URI.create(FILE_HOST + f.version() + "/" + f.name()))
                .rateLimit(RateLimitSettings.unlimited())
                .retry(RetrySettings.none());
    }

    static io.patternhub.core.storefront.ImmutableListingDraft draft(String sku, String price) {
        return ListingDraft.builder().sku(sku).title("Pattern " + sku).description("A sewing pattern")
                .price(Money.of(price, "EUR")).build();
    }

    static PatternFile file(String name, String version) {
        byte[] bytes = ("pdf " + name + " " + version).getBytes(StandardCharsets.UTF_8);
        return PatternFile.fromContent(name, FileContent.ofSupplier(() -> new java.io.ByteArrayInputStream(bytes))).version(version).build();
    }
}
