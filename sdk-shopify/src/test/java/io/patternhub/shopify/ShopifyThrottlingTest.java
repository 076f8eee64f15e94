package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.model.Listing;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cost-based pacing on simulated time: the sandbox's bucket refills by a manual clock that the
 * storefront's waits advance, so the test measures points and simulated seconds, never wall time.
 */
class ShopifyThrottlingTest {

    @Test
    void aFiveHundredProductPushNeverOverdrawsTheBucketAndRunsNearTheRestoreRate() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
        // Shopify Standard: 1000 points, restored at 100 per second.
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(ShopifyTestSupport.TOKEN)
                .costBucket(1000, 100).clock(clock).build().start()) {
            ShopifyCostPacer pacer = ShopifyCostPacer.create(clock, clock::advance);
            try (ShopifyStorefront store = ShopifyTestSupport.storefront(shop).pacer(pacer).sleeper(clock::advance)
                    .build()) {
                Instant start = clock.instant();
                List<Listing> pushed = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    pushed.add(store.createListing(ShopifyTestSupport.draft("PUSH-" + i, "Pattern " + i, "8.00")));
                }
                Duration simulated = Duration.between(start, clock.instant());
                ShopifyCostPacer.Stats stats = store.costStats();
                // After the first full bucket, every point must be restored first: that is the achievable rate.
                double rate = (stats.actualCost() - 1000) / (simulated.toNanos() / 1e9);
                System.out.printf("500-product push: %d queries, %d points in %d simulated s = %.1f points/s"
                        + " beyond the first bucket (restore rate 100), %d THROTTLED, lowest available %.0f%n", stats.queries(),
                        stats.actualCost(), simulated.toSeconds(), rate, shop.throttledCount(), shop.lowestAvailable());

                assertThat(shop.products()).hasSize(500);
                assertThat(pushed).extracting(Listing::externalId).doesNotHaveDuplicates();
                assertThat(shop.throttledCount()).as("the pacer never let the bucket run dry").isZero();
                assertThat(shop.lowestAvailable()).isGreaterThanOrEqualTo(0);
                assertThat(stats.actualCost()).isEqualTo(shop.chargedCost());
                // Everything beyond the first full bucket is paid for at the restore rate.
                double bound = (stats.actualCost() - 1000) / 100.0;
                assertThat(simulated.toNanos() / 1e9).isBetween(bound * 0.95, bound * 1.10);
                assertThat(rate).isBetween(90.0, 100.0 + 1e-6);
            }
        }
    }

    @Test
    void throttledAnswersAreWaitedOutForTheTimeTheBucketNeeds() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(ShopifyTestSupport.TOKEN)
                .costBucket(50, 10).clock(clock).build().start()) {
            // Two storefronts on one token: the second does not know what the first spent.
            List<Duration> waits = new ArrayList<>();
            ShopifyCostPacer blind = ShopifyCostPacer.create(clock, d -> {
                waits.add(d);
                clock.advance(d);
            });
            ShopifyCostPacer firstPacer = ShopifyCostPacer.create(clock, clock::advance);
            try (ShopifyStorefront first = ShopifyTestSupport.storefront(shop).pacer(firstPacer).build();
                    ShopifyStorefront second = ShopifyTestSupport.storefront(shop).pacer(blind).build()) {
                // the second storefront sees a full bucket, then the first one spends it down below what the
                // second one's lookup costs (10): the second one's picture of the bucket is out of date
                assertThat(second.listingBySku("B-0")).isEmpty();
                for (int i = 0; i < 20 && shop.throttleStatus(ShopifyTestSupport.TOKEN).currentlyAvailable() >= 10;
                        i++) {
                    first.createListing(ShopifyTestSupport.draft("A-" + i, "A " + i, "1.00"));
                }
                assertThat(shop.throttleStatus(ShopifyTestSupport.TOKEN).currentlyAvailable()).isLessThan(10);
                long before = shop.throttledCount();
                second.createListing(ShopifyTestSupport.draft("B-1", "B", "1.00"));
                assertThat(shop.throttledCount()).isGreaterThan(before);
                assertThat(second.costStats().throttled()).isEqualTo(shop.throttledCount() - before);
                assertThat(waits).isNotEmpty().allSatisfy(d -> assertThat(d).isPositive());
                assertThat(shop.productBySku("B-1")).isPresent();
            }
        }
    }

    @Test
    void aBucketThatNeverRefillsEndsInATypedRateLimitError() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(ShopifyTestSupport.TOKEN)
                .costBucket(30, 1).clock(clock).build().start()) {
            // A sleeper that does not move the clock: the bucket never refills.
            ShopifyCostPacer stuck = ShopifyCostPacer.create(clock, d -> { });
            try (ShopifyStorefront store = ShopifyTestSupport.storefront(shop).pacer(stuck).maxThrottledRetries(2)
                    .build()) {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 10; i++) {
                        store.createListing(ShopifyTestSupport.draft("C-" + i, "C", "1.00"));
                    }
                }).isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.platformErrorCode()).contains("THROTTLED");
                    assertThat(e.retryAfter()).isPresent();
                    assertThat(e.retryable()).isTrue();
                });
            }
        }
    }
}
