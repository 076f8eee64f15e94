package io.patternhub.examples.cli;

import io.patternhub.testkit.ravelry.InvoiceSeed;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** sync and orders pull against the Shopify, Ravelry and WooCommerce sandboxes, configured by environment. */
class CliOtherStorefrontsTest {
    @TempDir
    Path dir;

    @Test
    void syncAndPullAcrossShopifyRavelryAndWooCommerceWithPlatformFilters() throws Exception {
        try (ShopifySandbox shopify = ShopifySandbox.builder().accessToken("shpat_test").build().start();
             RavelrySandbox ravelry = RavelrySandbox.builder().attachmentReadyAfterPolls(0).build().start();
             WooCommerceSandbox woo = WooCommerceSandbox.builder().build().start()) {
            long ravelryPattern = ravelry.addPattern("Demo page");
            Map<String, String> env = new HashMap<>(Map.of("PATTERNHUB_DB", "hub.db",
                    "PATTERNHUB_SHOPIFY_SHOP", shopify.shopDomain(), "PATTERNHUB_SHOPIFY_ACCESS_TOKEN", "shpat_test",
                    "PATTERNHUB_SHOPIFY_BASE_URL", shopify.baseUrl(),
                    "PATTERNHUB_RAVELRY_STORE_ID", String.valueOf(ravelry.defaultStoreId()),
                    "PATTERNHUB_RAVELRY_ACCESS_KEY", ravelry.accessKey(), "PATTERNHUB_RAVELRY_PERSONAL_KEY", ravelry.personalKey(),
                    "PATTERNHUB_RAVELRY_PATTERN_ID", String.valueOf(ravelryPattern),
                    "PATTERNHUB_RAVELRY_BASE_URL", ravelry.baseUrl()));
            env.putAll(Map.of("PATTERNHUB_WOOCOMMERCE_SITE_URL", "https://shop.example",
                    "PATTERNHUB_WOOCOMMERCE_BASE_URL", woo.baseUrl(),
                    "PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY", woo.consumerKey(),
                    "PATTERNHUB_WOOCOMMERCE_CONSUMER_SECRET", woo.consumerSecret(),
                    "PATTERNHUB_WOOCOMMERCE_CURRENCY", "EUR"));
            TestCatalog.write(dir.resolve("catalog"), "ph-knt-004");
            assertThat(CliRun.run(dir, env, "catalog", "import", "catalog").exitCode()).isZero();

            CliRun plan = CliRun.run(dir, env, "sync", "--dry-run", "--platform", "shopify");
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("shopify:").contains("CREATE_LISTING").doesNotContain("ravelry:");

            CliRun sync = CliRun.run(dir, env, "sync");
            assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.out()).contains("shopify: 1 pattern(s) synced").contains("ravelry: 1 pattern(s) synced")
                    .contains("woocommerce: 1 pattern(s) synced");
            assertThat(shopify.productBySku("PH-KNT-004")).isPresent();
            assertThat(ravelry.productsWithSku("PH-KNT-004")).hasSize(1);
            assertThat(woo.productsWithSku("PH-KNT-004")).hasSize(1);

            long product = Long.parseLong(String.valueOf(ravelry.productsWithSku("PH-KNT-004").get(0).id()));
            ravelry.addInvoice(InvoiceSeed.builder("USD").line(product, "6.00").buyer("kim@example.com", "Kim", 77L).build());
            long wooProduct = woo.productsWithSku("PH-KNT-004").get(0).id();
            woo.addOrder(WooOrderSeed.builder("EUR").customer(5, "lou@example.com").line(wooProduct, 1, "5.50").build());

            CliRun pull = CliRun.run(dir, env, "orders", "pull", "--platform", "ravelry", "--platform", "woocommerce");
            assertThat(pull.exitCode()).as(pull.err()).isZero();
            assertThat(pull.out()).contains("ravelry: 1 order(s) read, 1 new or changed")
                    .contains("woocommerce: 1 order(s) read, 1 new or changed").doesNotContain("shopify:");
            assertThat(pull.err()).contains("PATTERNHUB_SMTP_HOST is not set");

            CliRun export = CliRun.run(dir, env, "privacy", "export", "--email", "lou@example.com");
            assertThat(export.out()).contains("lou@example.com").contains("WOOCOMMERCE");
        }
    }
}
