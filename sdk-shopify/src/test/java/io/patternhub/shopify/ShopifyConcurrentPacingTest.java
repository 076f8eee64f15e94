package io.patternhub.shopify;

import static io.patternhub.shopify.ShopifyTestSupport.TOKEN;
import static io.patternhub.shopify.ShopifyTestSupport.draft;
import static io.patternhub.shopify.ShopifyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.testkit.shopify.ShopifySandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several threads sharing one storefront (the hub's sync workers) stay within the cost bucket: one
 * caller's answer must not hand out the points another caller reserved for a query still on its way.
 * Issue 11's Shopify benchmark found 1,337 {@code THROTTLED} answers in 3,338 requests with two workers.
 */
class ShopifyConcurrentPacingTest {

    @Test
    void concurrentCallersNeverOverdrawTheBucket() throws Exception {
        // a small bucket and a slow refill, so that the callers together ask for far more than it restores
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(TOKEN).costBucket(50, 100).build().start();
                ShopifyStorefront store = storefront(shop).build()) {
            int callers = 4;
            int each = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    int caller = c;
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < each; i++) {
                            store.createListing(draft("C" + caller + "-" + i, "Pattern " + caller + "-" + i, "5.00"));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(shop.products()).hasSize(callers * each);
            assertThat(shop.lowestAvailable()).as("the run went down to the bottom of the bucket")
                    .isLessThan(20);
            assertThat(shop.throttledCount()).as("no query reached Shopify without the points for it").isZero();
            assertThat(store.costStats().throttled()).isZero();
        }
    }
}
