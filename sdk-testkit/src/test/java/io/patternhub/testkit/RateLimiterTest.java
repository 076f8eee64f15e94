package io.patternhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.limit.LimitHeaders;
import io.patternhub.testkit.limit.RateLimiter;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00.250Z"));
    private final Http http = new Http();
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private SandboxServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private SandboxServer sandbox(RateLimiter... limiters) {
        SandboxServer.Builder b = SandboxServer.builder().clock(clock);
        for (RateLimiter l : limiters) {
            b.limiter(l);
        }
        server = b.build().start();
        server.route("GET", "/v3/application/openapi-ping", req -> SandboxResponse.json(Map.of("ok", true)));
        return server;
    }

    @Test
    void perSecondLimitAnswers429WithHeadersThenResetsInTheNextSecond() throws Exception {
        RateLimiter qps = RateLimiter.perSecond(3).clock(clock)
                .headers(LimitHeaders.limitAndRemaining("x-limit-per-second", "x-remaining-this-second")).build();
        sandbox(qps);
        String url = server.baseUrl() + "/v3/application/openapi-ping";

        for (int i = 2; i >= 0; i--) {
            Http.Reply ok = http.get(url);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("x-limit-per-second")).isEqualTo("3");
            assertThat(ok.header("x-remaining-this-second")).isEqualTo(Integer.toString(i));
        }
        Http.Reply throttled = http.get(url);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.header("x-remaining-this-second")).isEqualTo("0");
        assertThat(mapper.readTree(throttled.body()).get("code").asText()).isEqualTo("rate_limited");
        assertThat(qps.rejectedCount()).isEqualTo(1);
        assertThat(qps.acceptedCount()).isEqualTo(3);
        assertThat(server.journal().count(e -> e.throttledBy().isPresent() && !e.handled())).isEqualTo(1);

        clock.advance(Duration.ofMillis(750)); // the next whole second starts
        Http.Reply again = http.get(url);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("x-remaining-this-second")).isEqualTo("2");
    }

    @Test
    void dailyQuotaIsARolling24HoursAndEtsyStylePairOfLimitersBothEmitHeaders() throws Exception {
        RateLimiter qps = RateLimiter.perSecond(10).clock(clock)
                .headers(LimitHeaders.limitAndRemaining("x-limit-per-second", "x-remaining-this-second")).build();
        RateLimiter qpd = RateLimiter.perDay(2).clock(clock)
                .headers(LimitHeaders.limitAndRemaining("x-limit-per-day", "x-remaining-today")).build();
        sandbox(qps, qpd);
        String url = server.baseUrl() + "/v3/application/openapi-ping";

        Http.Reply first = http.get(url);
        assertThat(first.header("x-remaining-this-second")).isEqualTo("9");
        assertThat(first.header("x-remaining-today")).isEqualTo("1");
        clock.advance(Duration.ofHours(12));
        assertThat(http.get(url).header("x-remaining-today")).isEqualTo("0");
        clock.advance(Duration.ofHours(6));
        Http.Reply over = http.get(url);
        assertThat(over.status()).isEqualTo(429);
        // The first request leaves the rolling window 24 h after it was made: 6 h from now.
        assertThat(over.header("Retry-After")).isEqualTo(Long.toString(Duration.ofHours(6).toSeconds()));
        assertThat(qpd.rejectedCount()).isEqualTo(1);

        clock.advance(Duration.ofHours(6));
        Http.Reply afterFirstExpired = http.get(url);
        assertThat(afterFirstExpired.status()).isEqualTo(200);
        assertThat(afterFirstExpired.header("x-remaining-today")).isEqualTo("0");
    }

    @Test
    void leakyBucketChargesCostAndCanAnswerShopifyStyleThrottledBody() throws Exception {
        RateLimiter bucket = RateLimiter.leakyBucket(100, 50,
                        req -> Long.parseLong(req.header("X-Test-Cost").orElse("1")))
                .clock(clock)
                .throttleResponse((req, state) -> SandboxResponse.json(200, Map.of(
                        "errors", List.of(Map.of("message", "Throttled", "extensions", Map.of("code", "THROTTLED"))),
                        "extensions", Map.of("cost", Map.of("requestedQueryCost", state.cost(),
                                "throttleStatus", Map.of("maximumAvailable", state.limit(),
                                        "currentlyAvailable", state.remaining(),
                                        "restoreRate", state.restoreRatePerSecond()))))))
                .build();
        sandbox(bucket);
        String url = server.baseUrl() + "/v3/application/openapi-ping";

        assertThat(http.get(url, Map.of("X-Test-Cost", "80")).status()).isEqualTo(200);
        Http.Reply throttled = http.get(url, Map.of("X-Test-Cost", "50"));
        assertThat(throttled.status()).isEqualTo(200);
        var json = mapper.readTree(throttled.body());
        assertThat(json.at("/errors/0/extensions/code").asText()).isEqualTo("THROTTLED");
        assertThat(json.at("/extensions/cost/throttleStatus/currentlyAvailable").asInt()).isEqualTo(20);
        assertThat(bucket.rejectedCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(600)); // +30 points restored: 50 available
        assertThat(http.get(url, Map.of("X-Test-Cost", "50")).body()).doesNotContain("THROTTLED");
        clock.advance(Duration.ofSeconds(10)); // refills only up to capacity
        assertThat(http.get(url, Map.of("X-Test-Cost", "100")).body()).doesNotContain("THROTTLED");
        assertThat(http.get(url, Map.of("X-Test-Cost", "1")).body()).contains("THROTTLED");
    }

    @Test
    void partitionsCountSeparatelyAndAppliesToFiltersRequests() throws Exception {
        RateLimiter perTenant = RateLimiter.perMinute(1).clock(clock)
                .partitionBy(req -> req.header("Xero-Tenant-Id").orElse(""))
                .appliesTo(req -> req.path().startsWith("/api.xro/"))
                .headers(LimitHeaders.remaining("X-MinLimit-Remaining"))
                .build();
        sandbox(perTenant);
        server.route("GET", "/api.xro/2.0/Invoices", req -> SandboxResponse.json(Map.of("Invoices", List.of())));
        String url = server.baseUrl() + "/api.xro/2.0/Invoices";

        assertThat(http.get(url, Map.of("Xero-Tenant-Id", "a")).status()).isEqualTo(200);
        assertThat(http.get(url, Map.of("Xero-Tenant-Id", "b")).status()).isEqualTo(200);
        Http.Reply second = http.get(url, Map.of("Xero-Tenant-Id", "a"));
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("X-MinLimit-Remaining")).isEqualTo("0");
        // Requests outside the filter are neither limited nor given headers.
        Http.Reply other = http.get(server.baseUrl() + "/v3/application/openapi-ping");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("X-MinLimit-Remaining")).isNull();
        assertThat(perTenant.acceptedCount()).isEqualTo(2);
        assertThat(perTenant.rejectedCount()).isEqualTo(1);
    }
}
