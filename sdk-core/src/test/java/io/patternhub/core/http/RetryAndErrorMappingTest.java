package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class RetryAndErrorMappingTest extends TransportTestSupport {

    /** Answers from a script and records when each request arrived (server-side monotonic time). */
    private static final class TimedScript extends Dispatcher {
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        final List<MockResponse> script;
        int next;

        TimedScript(MockResponse... script) {
            this.script = List.of(script);
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            return script.get(Math.min(next++, script.size() - 1));
        }

        Duration gap(int i) {
            return Duration.ofNanos(arrivals.get(i + 1) - arrivals.get(i));
        }
    }

    @Test
    void honoursRetryAfterInSeconds() {
        TimedScript script = new TimedScript(
                new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"),
                new MockResponse().setBody("{\"ok\":true}"));
        server.setDispatcher(script);

        ApiResponse response = transport().execute(ApiRequest.get("/shops/1"));

        assertThat(response.json().path("ok").asBoolean()).isTrue();
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(script.arrivals).hasSize(2);
        assertThat(script.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void honoursRetryAfterAsHttpDate() {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        String in2s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(2), ZoneOffset.UTC));
        TimedScript script = new TimedScript(
                new MockResponse().setResponseCode(503).setHeader("Retry-After", in2s),
                new MockResponse().setBody("{}"));
        server.setDispatcher(script);

        transport(b -> b.clock(Clock.fixed(now, ZoneOffset.UTC))).execute(ApiRequest.get("/shops/1"));

        assertThat(script.arrivals).hasSize(2);
        assertThat(script.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLongerThanAllowedIsRaisedWithTheWait() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600"));

        assertThatThrownBy(() -> transport().execute(ApiRequest.get("/shops/1")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                    assertThat(e.context().rateLimitHeaders()).containsEntry("retry-after", "3600");
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorBurstThenSuccess() {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(502));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("[1,2]"));

        ApiResponse response = transport().execute(ApiRequest.get("/listings"));

        assertThat(response.as(int[].class)).containsExactly(1, 2);
        assertThat(response.attempts()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void serverErrorsExhaustAttempts() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse().setResponseCode(500).setHeader("x-request-id", "req-" + i));
        }
        assertThatThrownBy(() -> transport().execute(ApiRequest.get("/listings")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(500);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.requestId()).contains("req-3");
                    assertThat(e.platform()).contains(Platform.ETSY);
                });
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void slowResponseTimesOutAsConnectionException() {
        server.enqueue(new MockResponse().setHeadersDelay(3, TimeUnit.SECONDS));
        server.enqueue(new MockResponse().setHeadersDelay(3, TimeUnit.SECONDS));

        HttpTransport t = transport(b -> b.readTimeout(Duration.ofMillis(200))
                .retry(RetrySettings.defaults().withMaxAttempts(2).withBackoff(Duration.ZERO, Duration.ZERO)));

        assertThatThrownBy(() -> t.execute(ApiRequest.get("/slow")))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.getMessage()).contains("timed out");
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.attempts()).isEqualTo(2);
                });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void connectionResetMidBodyIsRetriedForGet() {
        server.enqueue(new MockResponse().setBody("{\"items\":[" + "1,".repeat(50_000) + "1]}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        server.enqueue(new MockResponse().setBody("{\"items\":[7]}"));

        ApiResponse response = transport().execute(ApiRequest.get("/receipts"));

        assertThat(response.json().path("items").get(0).asInt()).isEqualTo(7);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void malformedJsonInSuccessIsTypedError() {
        server.enqueue(new MockResponse().setBody("{\"listing_id\": 12,,").setHeader("x-request-id", "abc"));
        ApiResponse response = transport().execute(ApiRequest.get("/listings/12"));

        assertThatThrownBy(response::json)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getMessage()).contains("not the expected JSON").contains("/listings/12");
                    assertThat(e.httpStatus()).hasValue(200);
                    assertThat(e.requestId()).contains("abc");
                });
        assertThatThrownBy(() -> response.as(Map.class)).isInstanceOf(ApiException.class);
    }

    @Test
    void notFoundIsMappedAndNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"Listing 9 not found\"}"));

        assertThatThrownBy(() -> transport().execute(ApiRequest.get("/listings/9")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getMessage()).contains("Listing 9 not found").contains("HTTP 404");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void badRequestCarriesValidationErrors() {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("""
                {"error":"Invalid listing","code":"invalid_params",
                 "errors":[{"field":"price","code":"too_low","message":"price must be at least 0.20"},
                           {"field":"title","message":"title is required"}]}"""));

        assertThatThrownBy(() -> transport().execute(ApiRequest.builder(HttpMethod.POST, "/listings")
                .jsonBody(Map.of("price", 0.1)).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.validationErrors()).containsExactly(
                            new ValidationError("price", "too_low", "price must be at least 0.20"),
                            new ValidationError("title", "", "title is required"));
                    assertThat(e.platformErrorCode()).contains("invalid_params");
                    assertThat(e.httpStatus()).hasValue(400);
                });
    }

    @Test
    void unprocessableEntityWithFieldMapIsInvalidRequest() {
        server.enqueue(new MockResponse().setResponseCode(422).setBody("{\"errors\":{\"sku\":[\"has already been taken\"]}}"));

        assertThatThrownBy(() -> transport().execute(ApiRequest.builder(HttpMethod.PUT, "/products/1")
                .jsonBody(Map.of("sku", "A")).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.validationErrors())
                        .containsExactly(new ValidationError("sku", "", "has already been taken")));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void exceptionsFromTheTransportArePatternHubExceptions() {
        server.enqueue(new MockResponse().setResponseCode(418));
        assertThatThrownBy(() -> transport().execute(ApiRequest.get("/teapot")))
                .isInstanceOf(PatternHubException.class)
                .satisfies(e -> assertThat(((PatternHubException) e).retryable()).isFalse());
    }
}
