package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class ResilienceTest extends TransportTestSupport {

    @Test
    void circuitOpensAfterRepeatedFailuresAndFailsFast() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        HttpTransport t = transport(b -> b.retry(RetrySettings.none())
                .circuitBreaker(new CircuitBreakerSettings(3, Duration.ofMinutes(1))));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> t.execute(ApiRequest.get("/listings"))).isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> t.execute(ApiRequest.get("/listings")))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.getMessage()).contains("circuit breaker is open");
                    assertThat(e.retryAfter()).isPresent();
                    assertThat(e.platform()).contains(Platform.ETSY);
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(404));
        }
        server.enqueue(new MockResponse().setBody("{}"));
        HttpTransport t = transport(b -> b.retry(RetrySettings.none())
                .circuitBreaker(new CircuitBreakerSettings(2, Duration.ofMinutes(1))));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> t.execute(ApiRequest.get("/x"))).isInstanceOf(ApiException.class);
        }
        assertThat(t.execute(ApiRequest.get("/x")).status()).isEqualTo(200);
    }

    @Test
    void bulkheadCapsConcurrentCalls() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch twoInFlight = new CountDownLatch(2);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                twoInFlight.countDown();
                // Hold the first calls until two are in flight together, then a little longer so
                // that a third, if let through, would be counted. The bound is generous: if it ran out before the
                // second call arrived (a stalled machine), the peak would be one and the test would fail.
                twoInFlight.await(30, TimeUnit.SECONDS);
                Thread.sleep(20);
                inFlight.decrementAndGet();
                return new MockResponse().setBody("{}");
            }
        });
        HttpTransport t = transport(b -> b.platform(Platform.XERO).maxConcurrentCalls(2, Duration.ofSeconds(30)));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(() -> t.execute(ApiRequest.get("/Invoices"))));
            }
            for (Future<ApiResponse> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxInFlight).hasValue(2);
        assertThat(server.getRequestCount()).isEqualTo(16);
    }
}
