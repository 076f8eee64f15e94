package io.patternhub.ravelry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportListener;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport settings the Ravelry builder shares with every client builder reach its transport. */
class RavelryBuilderTest {
    private static final String STORES = "/stores/list.json";
    private final RavelryTestSupport support = new RavelryTestSupport();
    private final RavelrySandbox ravelry = RavelrySandbox.builder().build().start();

    @AfterEach
    void stop() {
        ravelry.close();
    }

    @Test
    void theRetrySettingDecidesWhetherA503IsSentAgain() {
        ravelry.faults().next(1, RequestMatchers.route("GET", STORES), Fault.serverError(503));
        try (RavelryStorefront store = support.personal(ravelry).build()) {
            assertThat(store.stores()).hasSize(1);
        }
        assertThat(ravelry.journal().count("GET", STORES)).isEqualTo(2);

        ravelry.journal().clear();
        ravelry.faults().next(1, RequestMatchers.route("GET", STORES), Fault.serverError(503));
        try (RavelryStorefront store = support.personal(ravelry).retry(RetrySettings.none()).build()) {
            assertThatThrownBy(store::stores).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).httpStatus()).hasValue(503));
        }
        assertThat(ravelry.journal().count("GET", STORES)).isEqualTo(1);
    }

    @Test
    void theListenerSeesEveryAttempt() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        ravelry.faults().next(1, RequestMatchers.route("GET", STORES), Fault.serverError(503));
        try (RavelryStorefront store = support.personal(ravelry).listener(new TransportListener() {
            @Override
            public void onRequest(Platform platform, ApiRequest request, int attempt) {
                attempts.add(attempt);
            }
        }).build()) {
            store.stores();
        }
        assertThat(attempts).containsExactly(1, 2);
    }

    @Test
    void theRateLimitHoldsBackCallsOverIt() {
        // one call an hour, and no waiting for the next: the second call is refused before it is sent
        RateLimitSettings oneAnHour = RateLimitSettings.of(1, Duration.ofHours(1)).withMaxWait(Duration.ZERO);
        try (RavelryStorefront store = support.personal(ravelry).rateLimit(oneAnHour).build()) {
            store.stores();
            assertThatThrownBy(store::stores).isInstanceOf(RateLimitException.class);
        }
        assertThat(ravelry.journal().count("GET", STORES)).isEqualTo(1);
    }

    @Test
    void customizersAllApplyAndTheStorefrontKeepsItsEtagCacheOnASharedOkHttpClient() {
        AtomicInteger seenByShared = new AtomicInteger();
        OkHttpClient shared = new OkHttpClient.Builder().addInterceptor(chain -> {
            seenByShared.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        try (RavelryStorefront store = support.personal(ravelry).okHttpClient(shared)
                .transport(t -> t.userAgent("seller-script"))
                .transport(t -> t.readTimeout(Duration.ofSeconds(5)))
                .build()) {
            store.stores();
            store.stores();
            assertThat(store.notModifiedCount()).as("the second read came from the ETag cache").isEqualTo(1);
        }
        assertThat(seenByShared).hasValue(2);
        assertThat(ravelry.notModifiedCount()).isEqualTo(1);
        assertThat(ravelry.journal().entries()).allSatisfy(e ->
                assertThat(e.headers()).containsEntry("User-Agent", "seller-script"));
        assertThat(shared.dispatcher().executorService().isShutdown())
                .as("closing the storefront leaves the caller's client running").isFalse();
    }

    @Test
    void maxConcurrentCallsRefusesACallOverTheCap() throws Exception {
        int cap = 2;
        HeldAnswers held = new HeldAnswers(cap);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(held);
            server.start();
            // no waiting for a free slot: a call over the cap fails at once instead of queueing
            try (RavelryStorefront store = RavelryStorefront.builder().storeId(1).accessToken("t")
                    .baseUrl(server.url("/").toString()).retry(RetrySettings.none())
                    .maxConcurrentCalls(cap, Duration.ZERO).build()) {
                ExecutorService pool = Executors.newFixedThreadPool(cap);
                try {
                    List<Future<List<PatternStore>>> inProgress = new ArrayList<>();
                    for (int i = 0; i < cap; i++) {
                        inProgress.add(pool.submit(store::stores));
                    }
                    assertThat(held.arrived.await(10, TimeUnit.SECONDS)).as("the first calls reached Ravelry").isTrue();

                    assertThatThrownBy(store::stores).isInstanceOf(RateLimitException.class)
                            .hasMessageContaining("concurrency cap");

                    held.release.countDown();
                    for (Future<List<PatternStore>> call : inProgress) {
                        assertThat(call.get(10, TimeUnit.SECONDS)).isEmpty();
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            assertThat(server.getRequestCount()).as("the call over the cap was never sent").isEqualTo(cap);
        }
    }

    /** Answers an empty store list, but only once released; counts the requests that arrived. */
    private static final class HeldAnswers extends Dispatcher {
        final CountDownLatch arrived;
        final CountDownLatch release = new CountDownLatch(1);

        HeldAnswers(int expected) {
            this.arrived = new CountDownLatch(expected);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrived.countDown();
            release.await(10, TimeUnit.SECONDS);
            return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"stores\":[]}");
        }
    }
}
