package io.patternhub.hub.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts hub events to subscriber endpoints as Standard-Webhooks-signed HTTP callbacks
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), so Zapier, Make or the
 * seller's own portal can verify them with any Standard Webhooks library.
 *
 * <p>Each endpoint is tried up to {@code maxAttempts} times with doubling backoff on connection
 * errors, 408, 429 and 5xx; other 4xx answers are final. Every attempt carries the same
 * {@code webhook-id}. One endpoint failing does not stop delivery to the others; the failures are
 * reported together afterwards. Thread-safe.
 */
public final class SignedCallbacks implements HubEventPublisher {
    private static final MediaType JSON = MediaType.get("application/json");

    private final List<CallbackEndpoint> endpoints;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final int maxAttempts;
    private final Duration initialBackoff;

    private SignedCallbacks(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.http = b.http;
        this.json = PatternHubJson.newMapper();
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
    }

    /** Starts a callback publisher. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void publish(HubEvent event) {
        Objects.requireNonNull(event, "event");
        byte[] body = payload(event);
        List<String> failures = new ArrayList<>();
        for (CallbackEndpoint endpoint : endpoints) {
            if (endpoint.wants(event.type())) {
                String failure = deliver(endpoint, event, body);
                if (failure != null) {
                    failures.add(endpoint.url() + ": " + failure);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new ConnectionException("Hub event " + event.type() + " " + event.id()
                    + " could not be delivered to " + failures + "; publish it again later (receivers deduplicate on webhook-id)",
                    ErrorContext.builder().retryable(true).attempts(maxAttempts).build());
        }
    }

    private byte[] payload(HubEvent event) {
        ObjectNode node = json.createObjectNode();
        node.put("type", event.type());
        node.put("timestamp", event.timestamp().toString());
        node.set("data", event.data());
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Returns {@code null} on success, else the last failure. */
    private String deliver(CallbackEndpoint endpoint, HubEvent event, byte[] body) {
        String messageId = "msg_" + event.id().replace(':', '_');
        String last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                pause(initialBackoff.multipliedBy(1L << Math.min(attempt - 2, 10)));
            }
            Map<String, String> headers = endpoint.signer().sign(messageId, event.timestamp(), body);
            Request.Builder request = new Request.Builder().url(endpoint.url().toString())
                    .post(RequestBody.create(body, JSON));
            headers.forEach(request::header);
            try (Response response = http.newCall(request.build()).execute()) {
                int code = response.code();
                if (code >= 200 && code < 300) {
                    return null;
                }
                last = "HTTP " + code;
                if (code != 408 && code != 429 && code < 500) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
        }
        return last + " after " + maxAttempts + " attempts";
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while retrying a hub callback", ErrorContext.empty(), e);
        }
    }

    /** Configures {@link SignedCallbacks}. */
    public static final class Builder {
        private final List<CallbackEndpoint> endpoints = new ArrayList<>();
        private OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * Adds a subscriber.
         *
         * @param endpoint the subscriber
         * @return this builder
         */
        public Builder endpoint(CallbackEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * The HTTP client to use (e.g. one shared with the rest of the application).
         *
         * @param http the client
         * @return this builder
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Attempts per endpoint and event, 1 or more (5 by default).
         *
         * @param maxAttempts the attempt limit
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new ConfigurationException("maxAttempts must be at least 1, was " + maxAttempts, ErrorContext.empty());
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The wait before the second attempt; doubled for each further one (1 s by default).
         *
         * @param initialBackoff the first backoff
         * @return this builder
         */
        public Builder initialBackoff(Duration initialBackoff) {
            if (initialBackoff == null || initialBackoff.isNegative()) {
                throw new ConfigurationException("initialBackoff must be zero or positive", ErrorContext.empty());
            }
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** Builds the publisher. */
        public SignedCallbacks build() {
            return new SignedCallbacks(this);
        }
    }
}
