package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooProductView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync follows each storefront's capabilities: Etsy gets files, Shopify only listings, WooCommerce hub URLs. */
class CapabilityAwareSyncTest {
    @TempDir
    Path tmp;

    @Test
    void oneApplyPushesFilesToEtsyAndOnlyListingsToShopify() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 5);
        try (HubStore store = TestStores.fresh(Vendor.SQLITE, clock); EtsyFixture etsy = new EtsyFixture();
                ShopifySandbox shop = SpokeFixtures.shopifySandbox()) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = CatalogSync.builder(store).target(etsy.target("etsy"))
                    .target(SyncTarget.builder("shop", SpokeFixtures.shopify(shop)).currency("USD").build()).build();

            SyncPlan plan = sync.plan();
            assertThat(plan.changes("shop")).hasSize(5).allMatch(c -> c.kind() == ChangeKind.CREATE_LISTING);
            assertThat(plan.changes("etsy")).filteredOn(c -> c.kind() == ChangeKind.ATTACH_FILE).hasSize(10);

            SyncReport report = sync.apply(plan);
            assertThat(report.isComplete()).as(report.toString()).isTrue();
            assertThat(report.result("shop").failed()).isZero();
            assertThat(report.result("shop").lastError()).isEmpty();
            assertThat(report.result("etsy").failed()).isZero();
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());
            for (Pattern p : catalog.repository().activePatterns()) {
                SandboxProduct product = shop.productBySku(p.sku()).orElseThrow();
                assertThat(product.title()).isEqualTo(p.title());
            }
            assertThat(shop.products()).hasSize(5);
            assertThat(shop.files()).isEmpty();
            assertThat(shop.stagedUploads()).isEmpty();
            assertThat(sync.plan().isEmpty()).isTrue();
        }
    }

    @Test
    void wooCommerceLinksToTheUrlsTheHubServesAndANewVersionGetsANewUrl() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 2);
        try (HubStore store = TestStores.fresh(Vendor.SQLITE, clock); WooCommerceSandbox woo = SpokeFixtures.wooSandbox()) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = CatalogSync.builder(store).target(SyncTarget.builder("woo", SpokeFixtures.woo(woo))
                    .currency("EUR").fileUrls(SpokeFixtures.FILE_URLS).build()).build();
            assertThat(sync.apply().isComplete()).isTrue();

            Pattern p1 = catalog.repository().activePatterns().stream()
                    .filter(p -> p.sku().equals(CatalogFixtures.sku(1))).findFirst().orElseThrow();
            WooProductView product = woo.productsWithSku(p1.sku()).get(0);
            Map<String, String> urls = product.downloads().stream()
                    .collect(Collectors.toMap(WooProductView.Download::name, WooProductView.Download::file));
            assertThat(urls).hasSize(2);
            for (PatternFile f : p1.files()) {
                String url = urls.get(f.name());
                assertThat(url).startsWith("https://hub.patternhub.test/files/").contains(f.sha256());
                HubFileUrls.FileRef ref = SpokeFixtures.FILE_URLS.verify(url);
                assertThat(ref).isEqualTo(new HubFileUrls.FileRef(p1.sku(), f.sha256(), f.name()));
            }
            String tampered = urls.get(p1.files().get(0).name()).replace(CatalogFixtures.sku(1), CatalogFixtures.sku(2));
            assertThatThrownBy(() -> SpokeFixtures.FILE_URLS.verify(tampered)).isInstanceOf(InvalidRequestException.class);

            // a new version of pattern 1: both of its downloads now point at the new versions' URLs
            CatalogFixtures.writePattern(root, 1, "Pattern 1", "2.0");
            catalog.importFolder(root, true);
            assertThat(sync.plan().changes("woo")).hasSize(2).allMatch(c -> c.kind() == ChangeKind.REPLACE_FILE);
            assertThat(sync.apply().isComplete()).isTrue();
            Pattern v2 = catalog.repository().activePatterns().stream()
                    .filter(p -> p.sku().equals(CatalogFixtures.sku(1))).findFirst().orElseThrow();
            List<String> after = woo.productsWithSku(p1.sku()).get(0).downloads().stream()
                    .map(WooProductView.Download::file).toList();
            assertThat(after).hasSize(2).allSatisfy(u -> assertThat(v2.files().stream().anyMatch(f -> u.contains(f.sha256())))
                    .isTrue());
            assertThat(after).doesNotContainAnyElementsOf(urls.values());
        }
    }

    @Test
    void aLinkedUrlStorefrontWithoutHubFileUrlsIsAConfigurationError() {
        try (WooCommerceSandbox woo = SpokeFixtures.wooSandbox()) {
            assertThatThrownBy(() -> SyncTarget.builder("woo", SpokeFixtures.woo(woo)).currency("EUR").build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("fileUrls");
        }
    }
}
