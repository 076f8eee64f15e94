package io.patternhub.core.http;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportClientBuilderTest extends TransportTestSupport {

    /** A client builder as a platform module would write one. */
    static final class DemoClientBuilder extends TransportClientBuilder<DemoClientBuilder> {
        private String name = "demo";

        DemoClientBuilder() {
            super(RetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)),
                    RateLimitSettings.unlimited(), 2);
        }

        DemoClientBuilder name(String name) {
            this.name = name;
            return this;
        }

        HttpTransport build(String baseUrl) {
            return newTransport(HttpTransport.builder().platform(Platform.XERO).baseUrl(baseUrl).userAgent(name));
        }

        /** As a client whose user agent no customizer may change would build. */
        HttpTransport buildKeepingUserAgent(String baseUrl) {
            return newTransport(HttpTransport.builder().platform(Platform.XERO).baseUrl(baseUrl),
                    t -> t.userAgent(name));
        }

        Optional<OkHttpClient> shared() {
            return sharedOkHttpClient();
        }
    }

    @Test
    void sharedSettingsReachTheTransportAndCustomizersRunLastSoTheyWin() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        DemoClientBuilder b = new DemoClientBuilder().name("client-default")
                .listener(new TransportListener() {
                    @Override
                    public void onRequest(Platform platform, ApiRequest request, int attempt) {
                        requests.incrementAndGet();
                    }
                })
                .retry(RetrySettings.none())
                .transport(t -> t.userAgent("customized"));
        server.enqueue(new MockResponse().setResponseCode(503));
        try (HttpTransport t = b.build(server.url("/api").toString())) {
            assertThatThrownBy(() -> t.execute(ApiRequest.builder(HttpMethod.GET, "things").build()))
                    .isInstanceOf(ApiException.class);
        }
        // retry none: one attempt only, seen by the listener; the customizer replaced the client's user agent
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(requests).hasValue(1);
        RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(sent.getHeader("User-Agent")).isEqualTo("customized");
    }

    @Test
    void theClientsDefaultsApplyUntilChanged() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("{}"));
        try (HttpTransport t = new DemoClientBuilder().build(server.url("/api").toString())) {
            assertThat(t.execute(ApiRequest.builder(HttpMethod.GET, "things").build()).status()).isEqualTo(200);
        }
        assertThat(server.getRequestCount()).isEqualTo(2); // the default retry resent the 503
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("User-Agent")).isEqualTo("demo");
    }

    @Test
    void keptSettingsRunAfterTheCustomizers() throws Exception {
        server.enqueue(new MockResponse().setBody("{}"));
        DemoClientBuilder b = new DemoClientBuilder().name("kept").transport(t -> t.userAgent("customized"));
        try (HttpTransport t = b.buildKeepingUserAgent(server.url("/api").toString())) {
            t.execute(ApiRequest.builder(HttpMethod.GET, "things").build());
        }
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeader("User-Agent")).isEqualTo("kept");
    }

    @Test
    void theSharedOkHttpClientIsVisibleToTheClientBuilder() {
        OkHttpClient client = new OkHttpClient();
        assertThat(new DemoClientBuilder().shared()).isEmpty();
        assertThat(new DemoClientBuilder().okHttpClient(client).shared()).containsSame(client);
    }

    @Test
    void aNegativeConcurrencyCapIsAConfigurationError() {
        assertThatThrownBy(() -> new DemoClientBuilder().maxConcurrentCalls(-1, Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxConcurrentCalls");
    }
}
