package io.patternhub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.RateLimitWindow;
import io.patternhub.core.http.TransportListener;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client's transport did, seen from the client: responses, their mean latency, how long the
 * client-side limiter held calls back, how many answers reported the per-second window spent (Etsy's
 * {@code x-remaining-this-second: 0}, which makes the transport pause every caller), and responses per
 * GraphQL root field (Shopify: one endpoint, so the sandbox journal cannot tell operations apart).
 */
final class CallStats implements TransportListener {
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong latencyNanos = new AtomicLong();
    private final AtomicLong heldBackNanos = new AtomicLong();
    private final AtomicLong secondWindowSpent = new AtomicLong();
    private final Map<String, LongAdder> byRootField = new ConcurrentHashMap<>();

    @Override
    public void onResponse(Platform platform, ApiRequest request, ApiResponse response, int attempt, Duration took) {
        responses.incrementAndGet();
        latencyNanos.addAndGet(took.toNanos());
        for (RateLimitWindow w : response.rateLimit().windows()) {
            if (w.period().equals(Duration.ofSeconds(1)) && w.exhausted()) {
                secondWindowSpent.incrementAndGet();
            }
        }
        if (platform == Platform.SHOPIFY) {
            byRootField.computeIfAbsent(rootField(response), k -> new LongAdder()).increment();
        }
    }

    @Override
    public void onRateLimited(Platform platform, ApiRequest request, Duration waited) {
        heldBackNanos.addAndGet(waited.toNanos());
    }

    long responses() {
        return responses.get();
    }

    double meanLatencyMillis() {
        long n = responses.get();
        return n == 0 ? 0 : latencyNanos.get() / 1e6 / n;
    }

    double heldBackSeconds() {
        return heldBackNanos.get() / 1e9;
    }

    long secondWindowSpent() {
        return secondWindowSpent.get();
    }

    /** Responses per GraphQL root field ({@code THROTTLED} for refused queries). */
    Map<String, Long> byRootField() {
        Map<String, Long> out = new TreeMap<>();
        byRootField.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String rootField(ApiResponse response) {
        JsonNode json = response.json();
        for (JsonNode e : json.path("errors")) {
            if ("THROTTLED".equals(e.path("extensions").path("code").asText())) {
                return "THROTTLED";
            }
        }
        Iterator<String> fields = json.path("data").fieldNames();
        return fields.hasNext() ? fields.next() : "(no data)";
    }
}
