package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends TransportTestSupport {

    private static ApiRequest createListing() {
        return ApiRequest.builder(HttpMethod.POST, "/listings").jsonBody(Map.of("title", "Sock pattern")).build();
    }

    @Test
    void postAnsweredWith5xxIsNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setBody("{}"));

        assertThatThrownBy(() -> transport().execute(createListing()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postLostAfterSendingIsNotRetried() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setBody("{}"));

        assertThatThrownBy(() -> transport().execute(createListing()))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("may have reached").contains("idempotency key");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postWithIdempotencyKeyIsRetriedWithTheSameKey() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("{\"id\":5}"));

        ApiRequest request = createListing().toBuilder().idempotencyKey("listing-SKU-1").build();
        ApiResponse response = transport(b -> b.platform(Platform.XERO)).execute(request);

        assertThat(response.json().path("id").asInt()).isEqualTo(5);
        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(server.takeRequest().getHeader("Idempotency-Key")).isEqualTo("listing-SKU-1");
        }
    }

    @Test
    void postThatNeverConnectedIsRetried() throws Exception {
        MockWebServer closed = new MockWebServer();
        closed.start();
        String url = closed.url("/api").toString();
        closed.shutdown(); // nothing listens on this port any more: connect is refused before sending

        AtomicInteger attemptsSeen = new AtomicInteger();
        HttpTransport t = HttpTransport.builder().platform(Platform.WOOCOMMERCE).baseUrl(url)
                .connectTimeout(Duration.ofSeconds(2))
                .retry(RetrySettings.defaults().withMaxAttempts(3).withBackoff(Duration.ZERO, Duration.ZERO))
                .listener(new TransportListener() {
                    @Override
                    public void onRequest(Platform platform, ApiRequest request, int attempt) {
                        attemptsSeen.incrementAndGet();
                    }
                })
                .build();

        assertThatThrownBy(() -> t.execute(createListing()))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.attempts()).isEqualTo(3);
                });
        assertThat(attemptsSeen).hasValue(3);
    }

    @Test
    void idempotencyKeyHeaderNameIsConfigurable() throws Exception {
        server.enqueue(new MockResponse().setBody("{}"));
        transport(b -> b.idempotencyKeyHeader("Request-Id")).execute(
                createListing().toBuilder().idempotencyKey("k1").build());
        assertThat(server.takeRequest().getHeader("Request-Id")).isEqualTo("k1");
    }
}
