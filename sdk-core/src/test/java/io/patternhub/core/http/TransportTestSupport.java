package io.patternhub.core.http;

import io.patternhub.core.Platform;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a MockWebServer per test and builds transports against it with fast retry settings. */
abstract class TransportTestSupport {
    protected MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    /** Fast backoff so retry tests stay quick; customise with {@code config}. */
    protected HttpTransport transport(Consumer<HttpTransport.Builder> config) {
        HttpTransport.Builder b = HttpTransport.builder()
                .platform(Platform.ETSY)
                .baseUrl(server.url("/v3/application").toString())
                .retry(RetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(40)))
                .readTimeout(Duration.ofSeconds(5));
        config.accept(b);
        return b.build();
    }

    protected HttpTransport transport() {
        return transport(b -> { });
    }
}
