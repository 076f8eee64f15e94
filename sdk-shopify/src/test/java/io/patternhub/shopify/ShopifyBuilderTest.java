package io.patternhub.shopify;

import static io.patternhub.shopify.ShopifyTestSupport.roomySandbox;
import static io.patternhub.shopify.ShopifyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportListener;
import io.patternhub.core.model.Listing;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport settings the Shopify builder shares with every client builder reach its transport, and
 * leave the GraphQL cost pacing as it was.
 */
class ShopifyBuilderTest {
    private static final Currency USD = Currency.getInstance("USD");
    private final ShopifySandbox shop = roomySandbox();

    @AfterEach
    void stop() {
        shop.close();
    }

    private ShopifyStorefront.Builder storefrontInUsd() {
        return storefront(shop).currency(USD); // no Shop query: each lookup below is one GraphQL call
    }

    private void fail503Once() {
        shop.faults().next(1, r -> r.path().endsWith("/graphql.json"), Fault.serverError(503));
    }

    @Test
    void theRetrySettingDecidesWhetherA503IsSentAgain() {
        fail503Once();
        try (ShopifyStorefront store = storefrontInUsd().build()) {
            assertThat(store.listingBySku("NONE-1")).isEmpty();
        }
        assertThat(shop.journal().size()).isEqualTo(2);

        shop.journal().clear();
        fail503Once();
        try (ShopifyStorefront store = storefrontInUsd().retry(RetrySettings.none()).build()) {
            assertThatThrownBy(() -> store.listingBySku("NONE-1")).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).httpStatus()).hasValue(503));
            assertThat(store.costStats().queries()).as("responses the pacer saw").isZero();
        }
        assertThat(shop.journal().size()).isEqualTo(1);
    }

    @Test
    void theListenerSeesEveryAttempt() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        fail503Once();
        try (ShopifyStorefront store = storefrontInUsd().listener(new TransportListener() {
            @Override
            public void onRequest(Platform platform, ApiRequest request, int attempt) {
                attempts.add(attempt);
            }
        }).build()) {
            store.listingBySku("NONE-1");
        }
        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void aRateLimitAppliesOnTopOfTheCostPacer() {
        // one call an hour, and no waiting for the next: the second query is refused before it is sent
        RateLimitSettings oneAnHour = RateLimitSettings.of(1, Duration.ofHours(1)).withMaxWait(Duration.ZERO);
        try (ShopifyStorefront store = storefrontInUsd().rateLimit(oneAnHour).build()) {
            store.listingBySku("NONE-1");
            assertThatThrownBy(() -> store.listingBySku("NONE-2")).isInstanceOf(RateLimitException.class);
            assertThat(store.costStats().queries()).as("the pacer counted the query that was answered").isEqualTo(1);
        }
        assertThat(shop.journal().size()).isEqualTo(1);
    }

    @Test
    void customizersAllApplyOnTheSharedOkHttpClient() {
        AtomicInteger seenByShared = new AtomicInteger();
        OkHttpClient shared = new OkHttpClient.Builder().addInterceptor(chain -> {
            seenByShared.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        try (ShopifyStorefront store = storefrontInUsd().okHttpClient(shared)
                .transport(t -> t.userAgent("seller-script"))
                .transport(t -> t.readTimeout(Duration.ofSeconds(5)))
                .build()) {
            store.listingBySku("NONE-1");
            store.listingBySku("NONE-2");
        }
        assertThat(seenByShared).hasValue(2);
        assertThat(shop.journal().entries()).hasSize(2).allSatisfy(e ->
                assertThat(e.headers()).containsEntry("User-Agent", "seller-script"));
        assertThat(shared.dispatcher().executorService().isShutdown())
                .as("closing the storefront leaves the caller's client running").isFalse();
    }

    @Test
    void maxConcurrentCallsRefusesAQueryOverTheCapAndThePacerGetsItsPointsBack() throws Exception {
        int cap = 2;
        HoldOnTheWire held = new HoldOnTheWire(cap);
        // no waiting for a free slot: a query over the cap fails at once instead of queueing
        try (ShopifyStorefront store = storefrontInUsd().okHttpClient(new OkHttpClient.Builder()
                .addNetworkInterceptor(held).build()).maxConcurrentCalls(cap, Duration.ZERO).build()) {
            // the lookup's cost is learned first: callers of a query whose cost is unknown go one at a time
            assertThat(store.listingBySku("WARM-UP")).isEmpty();
            held.holding = true;
            ExecutorService pool = Executors.newFixedThreadPool(cap);
            try {
                List<Future<Optional<Listing>>> inProgress = new ArrayList<>();
                for (int i = 0; i < cap; i++) {
                    String sku = "NONE-" + i;
                    inProgress.add(pool.submit(() -> store.listingBySku(sku)));
                }
                assertThat(held.arrived.await(10, TimeUnit.SECONDS)).as("the first queries were sent").isTrue();

                assertThatThrownBy(() -> store.listingBySku("OVER")).isInstanceOf(RateLimitException.class)
                        .hasMessageContaining("concurrency cap");

                held.release.countDown();
                for (Future<Optional<Listing>> call : inProgress) {
                    assertThat(call.get(10, TimeUnit.SECONDS)).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.listingBySku("AFTER")).as("the refused query left no points reserved").isEmpty();
            assertThat(store.costStats().queries()).isEqualTo(cap + 2);
        }
        assertThat(shop.journal().size()).as("the query over the cap was never sent").isEqualTo(cap + 2);
        assertThat(shop.throttledCount()).isZero();
    }

    /** Holds requests on their way to the sandbox until released; counts the ones that got that far. */
    private static final class HoldOnTheWire implements Interceptor {
        final CountDownLatch arrived;
        final CountDownLatch release = new CountDownLatch(1);
        /** Requests pass straight through until the test starts holding them. */
        volatile boolean holding;

        HoldOnTheWire(int expected) {
            this.arrived = new CountDownLatch(expected);
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            if (!holding) {
                return chain.proceed(chain.request());
            }
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while held");
            }
            return chain.proceed(chain.request());
        }
    }
}
