package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A storefront answering 5xx to everything neither holds up another nor loses its work. */
class StorefrontDownTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aDownStorefrontDoesNotHoldUpTheOtherAndCompletesOnALaterDrain(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 6);
        try (HubStore store = TestStores.fresh(vendor, clock); EtsyFixture etsy = new EtsyFixture(false);
                ShopifySandbox shop = SpokeFixtures.shopifySandbox()) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = CatalogSync.builder(store).target(etsy.target("etsy"))
                    .target(SyncTarget.builder("shop", SpokeFixtures.shopify(shop)).currency("USD").build())
                    .workersPerStorefront(1).build();
            shop.faults().next(Integer.MAX_VALUE, r -> true, Fault.serverError(503));

            SyncReport first = sync.apply();
            assertThat(first.result("etsy").completed()).isEqualTo(6);
            assertThat(first.result("etsy").pending()).isZero();
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());
            SyncReport.StorefrontResult down = first.result("shop");
            assertThat(down.completed()).isZero();
            assertThat(down.pending()).isEqualTo(6);
            // left alone for the run after three consecutive failures, not hammered once per pattern
            assertThat(down.failed()).isEqualTo(3);
            assertThat(down.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
            assertThat(down.nextRetryAt()).isPresent();
            assertThat(shop.products()).isEmpty();

            // before the backoff has passed a drain does not call the storefront at all
            long calls = shop.journal().size();
            long etsyCalls = etsy.sandbox.journal().size();
            SyncReport early = sync.drain();
            assertThat(early.result("shop").pending()).isEqualTo(6);
            assertThat(shop.journal().size()).isEqualTo(calls);

            // back up: a later drain finishes the work, once, and Etsy is not touched again
            shop.faults().clear();
            clock.advance(Duration.ofMinutes(5));
            SyncReport later = sync.drain();
            assertThat(later.result("shop").completed()).isEqualTo(6);
            assertThat(later.isComplete()).isTrue();
            assertThat(shop.products()).hasSize(6);
            for (var p : catalog.repository().activePatterns()) {
                assertThat(shop.productBySku(p.sku())).hasValueSatisfying(x -> assertThat(x.title()).isEqualTo(p.title()));
            }
            assertThat(etsy.sandbox.journal().size()).isEqualTo(etsyCalls);
            assertThat(sync.plan().isEmpty()).isTrue();
        }
    }
}
