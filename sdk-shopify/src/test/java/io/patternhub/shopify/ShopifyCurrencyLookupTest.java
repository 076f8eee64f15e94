package io.patternhub.shopify;

import static io.patternhub.shopify.ShopifyTestSupport.roomySandbox;
import static io.patternhub.shopify.ShopifyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.TransportListener;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shop currency is asked from Shopify once per storefront, even when several threads (the hub's sync
 * workers) need it before the first answer came back: issue 11 found one {@code Shop} query per worker.
 */
class ShopifyCurrencyLookupTest {

    /** Counts answers whose data is the {@code shop} root field. */
    private static final class ShopQueries implements TransportListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onResponse(Platform platform, ApiRequest request, ApiResponse response, int attempt,
                Duration took) {
            if (response.json().path("data").has("shop")) {
                count.incrementAndGet();
            }
        }
    }

    @Test
    void concurrentCallersShareOneShopQuery() throws Exception {
        ShopQueries shopQueries = new ShopQueries();
        try (ShopifySandbox shop = roomySandbox();
                ShopifyStorefront store = storefront(shop).transport(t -> t.listener(shopQueries)).build()) {
            // a slow first answer keeps the first lookup running while the other callers arrive
            shop.faults().next(1, r -> r.path().endsWith("/graphql.json"), Fault.slow(Duration.ofMillis(200),
                    Duration.ZERO));
            int callers = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<Currency>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < callers; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return store.currency();
                    }));
                }
                go.countDown();
                for (Future<Currency> a : answers) {
                    assertThat(a.get()).isEqualTo(Currency.getInstance("USD"));
                }
            } finally {
                pool.shutdownNow();
            }
            store.currency();

            assertThat(shopQueries.count).hasValue(1);
            assertThat(shop.journal().size()).isEqualTo(1);
        }
    }
}
