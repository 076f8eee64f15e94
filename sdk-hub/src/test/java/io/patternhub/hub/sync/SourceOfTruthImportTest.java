package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Listing;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An existing Shopify catalog as the source of truth: imported into the hub, followed by Etsy, never written back. */
class SourceOfTruthImportTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theShopifyCatalogIsImportedAndEtsyFollowsItWithNoWriteBackToShopify(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        try (HubStore store = TestStores.fresh(vendor, clock); EtsyFixture etsy = new EtsyFixture();
                ShopifySandbox shop = SpokeFixtures.shopifySandbox()) {
            ShopifyStorefront shopify = SpokeFixtures.shopify(shop);
            List<Listing> existing = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                existing.add(shopify.createListing(ListingDraft.builder().sku("SHOP-" + i).title("Shop pattern " + i)
                        .description("<p>Existing Shopify product " + i + "</p>").addTags("pdf", "sewing")
                        .price(Money.of((5 + i) + ".00", "USD")).build()));
            }
            List<SandboxProduct> shopifyBefore = shop.products();

            CatalogSync sync = CatalogSync.builder(store)
                    .target(SyncTarget.builder("shop", shopify).currency("USD").build())
                    .target(etsy.target("etsy")).sourceOfTruth("shop").build();
            SyncPlan plan = sync.plan();
            assertThat(plan.changes("etsy")).hasSize(4).allMatch(c -> c.kind() == ChangeKind.CREATE_LISTING);
            assertThat(plan.changes("shop")).isEmpty();
            List<Pattern> catalog = new Catalog(store).repository().activePatterns();
            assertThat(catalog).extracting(Pattern::sku).containsExactlyInAnyOrder("SHOP-1", "SHOP-2", "SHOP-3", "SHOP-4");
            Pattern p3 = catalog.stream().filter(p -> p.sku().equals("SHOP-3")).findFirst().orElseThrow();
            assertThat(p3.title()).isEqualTo("Shop pattern 3");
            assertThat(p3.priceIn(java.util.Currency.getInstance("USD"))).contains(Money.of("8.00", "USD"));
            assertThat(p3.tags()).containsExactlyInAnyOrder("pdf", "sewing");

            assertThat(sync.apply(plan).isComplete()).isTrue();
            assertThat(etsy.sandbox.listings(etsy.sandbox.defaultShopId())).extracting(EtsyListingView::title)
                    .containsExactlyInAnyOrder("Shop pattern 1", "Shop pattern 2", "Shop pattern 3", "Shop pattern 4");
            assertThat(shop.products()).isEqualTo(shopifyBefore);

            // the seller renames one product on Shopify: the next plan imports it and updates only that Etsy listing
            shopify.updateListing(existing.get(1).externalId(), ListingUpdate.builder().title("Renamed on Shopify").build());
            List<SandboxProduct> afterRename = shop.products();
            SyncPlan next = sync.plan();
            assertThat(next.changes("etsy")).singleElement().satisfies(c -> {
                assertThat(c.sku()).isEqualTo("SHOP-2");
                assertThat(c.kind()).isEqualTo(ChangeKind.UPDATE_LISTING);
                assertThat(c.changedFields()).containsExactly("title");
            });
            sync.apply(next);
            assertThat(etsy.sandbox.listings(etsy.sandbox.defaultShopId())).extracting(EtsyListingView::title)
                    .contains("Renamed on Shopify").doesNotContain("Shop pattern 2");
            assertThat(shop.products()).isEqualTo(afterRename);

            // nothing changed anywhere: the import is a no-op and the plan is empty
            ImportReport again = sync.importFromSourceOfTruth();
            assertThat(again.added()).isEmpty();
            assertThat(again.changed()).isEmpty();
            assertThat(sync.plan().isEmpty()).isTrue();
        }
    }
}
