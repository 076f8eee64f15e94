package io.patternhub.core.http;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP call to a platform, before credentials are added. Immutable and thread-safe; build it
 * with {@link #builder(HttpMethod, String)} and copy it with {@link #toBuilder()}.
 *
 * <p>The target is either a path relative to the transport's base URL, or an absolute URL on the
 * same host (for example a {@code Link: rel="next"} URL a platform returned).
 */
public final class ApiRequest {
    /** The longest idempotency key accepted (Stripe's limit; Xero allows 128). */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final HttpMethod method;
    private final String path;
    private final List<Map.Entry<String, String>> queryParams;
    private final Map<String, List<String>> headers;
    private final RequestContent body;
    private final Boolean idempotent;
    private final String idempotencyKey;

    private ApiRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.queryParams = List.copyOf(b.queryParams);
        Map<String, List<String>> h = new LinkedHashMap<>();
        b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.body = b.body;
        this.idempotent = b.idempotent;
        this.idempotencyKey = b.idempotencyKey;
    }

    /** Starts a request; {@code path} is relative to the base URL (leading slash optional) or absolute. */
    public static Builder builder(HttpMethod method, String path) {
        return new Builder(method, path);
    }

    public static ApiRequest get(String path) {
        return builder(HttpMethod.GET, path).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.queryParams.addAll(queryParams);
        headers.forEach((k, v) -> b.headers.put(k, new ArrayList<>(v)));
        b.body = body;
        b.idempotent = idempotent;
        b.idempotencyKey = idempotencyKey;
        return b;
    }

    public HttpMethod method() {
        return method;
    }

    /** The path relative to the base URL, or an absolute URL. */
    public String path() {
        return path;
    }

    /** Whether {@link #path()} is an absolute {@code http(s)} URL. */
    public boolean isAbsolute() {
        return path.startsWith("http://") || path.startsWith("https://");
    }

    /** Query parameters in the order they are sent; a name may repeat. */
    public List<Map.Entry<String, String>> queryParams() {
        return queryParams;
    }

    /** Extra headers by name, as given. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<RequestContent> body() {
        return Optional.ofNullable(body);
    }

    /**
     * Whether sending this request twice has the same effect as sending it once. Defaults to the
     * method's definition (GET, PUT, DELETE, HEAD yes; POST, PATCH no).
     */
    public boolean idempotent() {
        return idempotent != null ? idempotent : method.idempotent();
    }

    /** The key the platform uses to de-duplicate this request, sent unchanged on every attempt. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * Whether the transport may resend this request after it may have reached the platform: it is
     * idempotent or carries an idempotency key.
     */
    public boolean safeToRepeat() {
        return idempotent() || idempotencyKey != null;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Builds an {@link ApiRequest}. Not thread-safe. */
    public static final class Builder {
        private HttpMethod method;
        private String path;
        private final List<Map.Entry<String, String>> queryParams = new ArrayList<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private RequestContent body;
        private Boolean idempotent;
        private String idempotencyKey;

        private Builder(HttpMethod method, String path) {
            method(method);
            path(path);
        }

        public Builder method(HttpMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw invalid("path must not be blank");
            }
            this.path = path;
            return this;
        }

        /** Adds a query parameter; a null value is skipped so optional filters read naturally. */
        public Builder query(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value != null) {
                queryParams.add(Map.entry(name, String.valueOf(value)));
            }
            return this;
        }

        /** Adds a header value (repeating a name adds another value). */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, () -> "value of header " + name);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder body(RequestContent body) {
            this.body = body;
            return this;
        }

        /** Shorthand for {@code body(RequestContent.json(value))}. */
        public Builder jsonBody(Object value) {
            return body(RequestContent.json(value));
        }

        /** Overrides the method's default: for example a POST search that changes nothing. */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** Sets the idempotency key; a request carrying one may be retried even if it is a POST. */
        public Builder idempotencyKey(String key) {
            if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
                throw invalid("idempotency key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                        + " characters, was " + key.length());
            }
            this.idempotencyKey = key;
            return this;
        }

        public ApiRequest build() {
            if (body != null && !method.permitsBody()) {
                throw invalid(method + " requests cannot carry a body; send the data as query parameters");
            }
            return new ApiRequest(this);
        }

        private static InvalidRequestException invalid(String message) {
            return new InvalidRequestException(message, ErrorContext.empty());
        }
    }
}
