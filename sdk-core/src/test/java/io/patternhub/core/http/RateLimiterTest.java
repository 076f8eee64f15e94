package io.patternhub.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.RateLimitException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class RateLimiterTest extends TransportTestSupport {

    /** Answers 429 when more than {@code limit} requests arrived in the last second. */
    private static final class SlidingWindowServer extends Dispatcher {
        final int limit;
        final ArrayDeque<Long> window = new ArrayDeque<>();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger tooMany = new AtomicInteger();

        SlidingWindowServer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            long now = System.nanoTime();
            while (!window.isEmpty() && now - window.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
                window.pollFirst();
            }
            window.addLast(now);
            if (window.size() > limit) {
                tooMany.incrementAndGet();
                return new MockResponse().setResponseCode(429).setHeader("Retry-After", "1");
            }
            ok.incrementAndGet();
            return new MockResponse().setBody("{}");
        }
    }

    @Test
    void burstFromManyThreadsStaysWithinTenPerSecond() throws Exception {
        SlidingWindowServer platform = new SlidingWindowServer(10);
        server.setDispatcher(platform);
        HttpTransport t = transport(b -> b.rateLimit(RateLimitSettings.perSecond(10)).retry(RetrySettings.none()));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(() -> t.execute(ApiRequest.get("/listings/active"))));
            }
            for (Future<ApiResponse> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(platform.tooMany).hasValue(0);
        assertThat(platform.ok).hasValue(200);
    }

    /** Records the server-side arrival time of each request. */
    private static final class Arrivals extends Dispatcher {
        final List<Long> at = new CopyOnWriteArrayList<>();
        final List<MockResponse> script;

        Arrivals(MockResponse... script) {
            this.script = List.of(script);
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            at.add(System.nanoTime());
            return script.get(Math.min(at.size() - 1, script.size() - 1));
        }

        Duration gap(int i) {
            return Duration.ofNanos(at.get(i + 1) - at.get(i));
        }
    }

    @Test
    void exhaustedSecondWindowHoldsTheNextCall() {
        Arrivals arrivals = new Arrivals(
                new MockResponse().setBody("{}").setHeader("x-limit-per-second", "10")
                        .setHeader("x-remaining-this-second", "0").setHeader("x-remaining-today", "9000")
                        .setHeader("x-limit-per-day", "10000"),
                new MockResponse().setBody("{}"));
        server.setDispatcher(arrivals);
        HttpTransport t = transport(b -> b.rateLimitHeaderReader(RateLimitHeaderReader.etsy()));

        ApiResponse first = t.execute(ApiRequest.get("/a"));
        t.execute(ApiRequest.get("/b"));

        assertThat(first.rateLimit().window("second")).hasValueSatisfying(w -> {
            assertThat(w.limit()).hasValue(10);
            assertThat(w.remaining()).hasValue(0);
        });
        assertThat(first.rateLimit().window("day").orElseThrow().remaining()).hasValue(9000);
        assertThat(arrivals.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void windowSpentByOurOwnCallsWaitsForTheOldestSlotNotAWholePeriodMore() {
        // Both calls are ours: the platform's "0 remaining" says nothing the limiter does not know, so the
        // third call waits for the first call's slot (freed 1 s after it completed), not 1 s after the second
        // answer. The second answer comes 400 ms after the first, so that wait is 600 ms. The limiter runs on a
        // clock the test advances: on the real one a busy machine could let the window expire between calls.
        AtomicLong nanos = new AtomicLong();
        server.enqueue(new MockResponse().setBody("{}").setHeader("x-limit-per-second", "2")
                .setHeader("x-remaining-this-second", "1"));
        server.enqueue(new MockResponse().setBody("{}").setHeader("x-limit-per-second", "2")
                .setHeader("x-remaining-this-second", "0"));
        HttpTransport t = transport(b -> b.rateLimitHeaderReader(RateLimitHeaderReader.etsy()).nanoTime(nanos::get)
                .rateLimit(new RateLimitSettings(2, Duration.ofSeconds(1), 0, Duration.ZERO)).retry(RetrySettings.none()));

        t.execute(ApiRequest.get("/a"));
        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        t.execute(ApiRequest.get("/b"));

        assertThatThrownBy(() -> t.execute(ApiRequest.get("/c")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.retryAfter().orElseThrow())
                        .isEqualTo(Duration.ofMillis(600)));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void windowSpentByCallsThatWereNotOursPausesEveryCaller() {
        // One call of ours, yet the platform counts 10 of 10: another client shares the key, so the next
        // call is held for the pause (longer than it may wait) although the limiter has nine free slots. The
        // limiter's clock stands still, so the pause cannot run out on a busy machine before the second call.
        server.enqueue(new MockResponse().setBody("{}").setHeader("x-limit-per-second", "10")
                .setHeader("x-remaining-this-second", "0"));
        HttpTransport t = transport(b -> b.rateLimitHeaderReader(RateLimitHeaderReader.etsy()).nanoTime(() -> 0L)
                .rateLimit(new RateLimitSettings(10, Duration.ofSeconds(1), 0, Duration.ZERO)).retry(RetrySettings.none()));

        t.execute(ApiRequest.get("/a"));

        assertThatThrownBy(() -> t.execute(ApiRequest.get("/b"))).isInstanceOf(RateLimitException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void spentDailyQuotaFailsFastWithoutCallingThePlatform() {
        server.enqueue(new MockResponse().setBody("{}").setHeader("x-remaining-today", "0")
                .setHeader("x-limit-per-day", "10000"));
        server.enqueue(new MockResponse().setBody("{}"));
        HttpTransport t = transport(b -> b.rateLimitHeaderReader(RateLimitHeaderReader.etsy()));

        t.execute(ApiRequest.get("/a"));
        assertThatThrownBy(() -> t.execute(ApiRequest.get("/b")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofHours(23));
                    assertThat(e.context().rateLimitHeaders()).containsEntry("x-remaining-today", "0");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void perSecondWindowFollowsTheLimitThePlatformReports() {
        // The app's limit is 2 per second, not the 10 the client starts from; the platform says so in
        // x-limit-per-second while reporting plenty remaining, so only the reported limit can slow the client.
        Arrivals arrivals = new Arrivals(new MockResponse().setBody("{}").setHeader("x-limit-per-second", "2")
                .setHeader("x-remaining-this-second", "5"));
        server.setDispatcher(arrivals);
        HttpTransport t = transport(b -> b.rateLimitHeaderReader(RateLimitHeaderReader.etsy())
                .rateLimit(RateLimitSettings.perSecond(10)));

        for (int i = 0; i < 3; i++) {
            t.execute(ApiRequest.get("/call-" + i));
        }

        // Two calls fit in a second; the third waits for the first call's slot to free.
        assertThat(Duration.ofNanos(arrivals.at.get(2) - arrivals.at.get(0)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void localDailyQuotaIsEnforced() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setBody("{}"));
        }
        HttpTransport t = transport(b -> b.rateLimit(RateLimitSettings.perSecond(100).withDailyQuota(2)));
        t.execute(ApiRequest.get("/a"));
        t.execute(ApiRequest.get("/b"));
        assertThatThrownBy(() -> t.execute(ApiRequest.get("/c"))).isInstanceOf(RateLimitException.class);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterOn429PausesOtherCallers() throws Exception {
        CountDownLatch firstAnswered = new CountDownLatch(1);
        Arrivals arrivals = new Arrivals(
                new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"),
                new MockResponse().setBody("{}"));
        server.setDispatcher(arrivals);
        HttpTransport t = transport(b -> b.retry(RetrySettings.none()).listener(new TransportListener() {
            @Override
            public void onFailure(io.patternhub.core.Platform p, ApiRequest r,
                    io.patternhub.core.error.PatternHubException f, int attempts) {
                firstAnswered.countDown();
            }
        }));

        assertThatThrownBy(() -> t.execute(ApiRequest.get("/a"))).isInstanceOf(RateLimitException.class);
        assertThat(firstAnswered.await(5, TimeUnit.SECONDS)).isTrue();
        // Another caller of the same connection, with no retry of its own, is held back by the pause.
        Thread other = new Thread(() -> t.execute(ApiRequest.get("/b")));
        other.start();
        other.join(10_000);

        assertThat(arrivals.at).hasSize(2);
        assertThat(arrivals.gap(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
}
