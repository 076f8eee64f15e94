package io.patternhub.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RetryPolicy;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.internal.OkHttpBodies;
import io.patternhub.core.http.internal.SendTracker;
import io.patternhub.core.http.internal.WindowRateLimiter;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP transport every platform module uses: one instance per connection (seller account
 * on one platform). Adds credentials through an {@link AuthScheme}; retries what is safe to retry
 * with exponential backoff and jitter, honouring {@code Retry-After}; keeps to the platform's rate
 * limit and adapts to its remaining-quota headers; caps concurrent calls; stops calling a failing
 * platform with a circuit breaker; maps errors to the {@code io.patternhub.core.error} types; logs
 * through SLF4J with secrets redacted; and reports to a {@link TransportListener}.
 *
 * <p>Immutable configuration, thread-safe, no global state. Build with {@link #builder()}.
 *
 * <pre>{@code
 * HttpTransport etsy = HttpTransport.builder()
 *     .platform(Platform.ETSY)
 *     .baseUrl("https://openapi.etsy.com/v3/application")
 *     .auth(scheme)
 *     .rateLimit(RateLimitSettings.perSecond(10).withDailyQuota(10_000))
 *     .rateLimitHeaderReader(RateLimitHeaderReader.etsy())
 *     .build();
 * Listing l = etsy.execute(ApiRequest.get("/listings/123")).as(Listing.class);
 * }</pre>
 *
 * <p>Retry rules: a failure is retried only if its exception is {@code retryable()} (5xx, 429,
 * connection failures) and the request is safe to repeat ({@link ApiRequest#safeToRepeat()}) or
 * provably never left this machine (a DNS or connect failure). A 401 makes the transport call
 * {@link AuthScheme#renewAfterUnauthorized} once and, if it returns {@code true}, resend once.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final Platform platform;
    private final HttpUrl baseUrl;
    private final AuthScheme auth;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final ObjectMapper mapper;
    private final RetrySettings retry;
    private final RateLimitSettings rateLimit;
    private final WindowRateLimiter limiter;
    private final Bulkhead<ApiResponse> bulkhead;
    private final Duration maxConcurrencyWait;
    private final CircuitBreaker<ApiResponse> circuitBreaker;
    private final ErrorMapper errorMapper;
    private final RateLimitHeaderReader rateLimitReader;
    private final TransportListener listener;
    private final Clock clock;
    private final String requestIdHeader;
    private final String idempotencyKeyHeader;
    private final String userAgent;
    private final Redactor redactor;
    private final AtomicReference<RateLimitStatus> lastRateLimit = new AtomicReference<>(RateLimitStatus.none());

    private HttpTransport(Builder b) {
        this.platform = b.platform;
        this.baseUrl = b.baseUrl;
        this.auth = b.auth;
        this.ownsClient = b.client == null;
        OkHttpClient base = b.client != null ? b.client : new OkHttpClient();
        this.client = base.newBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.writeTimeout)
                .callTimeout(b.callTimeout)
                // Retries are decided here, where we know whether a request is safe to repeat.
                .retryOnConnectionFailure(false)
                .eventListenerFactory(SendTracker.factory(base.eventListenerFactory()))
                .build();
        this.mapper = b.mapper;
        this.retry = b.retry;
        this.rateLimit = b.rateLimit;
        this.limiter = new WindowRateLimiter(rateLimit.permits(), rateLimit.period(), rateLimit.dailyQuota(),
                b.nanoTime);
        this.bulkhead = b.maxConcurrentCalls > 0
                ? Bulkhead.<ApiResponse>builder(b.maxConcurrentCalls).withMaxWaitTime(b.maxConcurrencyWait).build()
                : null;
        this.maxConcurrencyWait = b.maxConcurrencyWait;
        this.circuitBreaker = b.circuitBreaker.failureThreshold() > 0
                ? CircuitBreaker.<ApiResponse>builder()
                        .handleIf((r, e) -> countsAgainstCircuit(e))
                        .withFailureThreshold(b.circuitBreaker.failureThreshold())
                        .withDelay(b.circuitBreaker.openDuration())
                        .onOpen(e -> LOG.warn("{} circuit opened after repeated failures; failing fast for {} ms",
                                platform.displayName(), b.circuitBreaker.openDuration().toMillis()))
                        .build()
                : null;
        this.errorMapper = b.errorMapper;
        this.rateLimitReader = b.rateLimitReader;
        this.listener = b.listener;
        this.clock = b.clock;
        this.requestIdHeader = b.requestIdHeader;
        this.idempotencyKeyHeader = b.idempotencyKeyHeader;
        this.userAgent = b.userAgent;
        this.redactor = b.redactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Platform platform() {
        return platform;
    }

    /** The base URL relative request paths are resolved against. */
    public String baseUrl() {
        return baseUrl.toString();
    }

    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** The rate-limit state reported on the most recent response of this connection. */
    public RateLimitStatus lastRateLimitStatus() {
        return lastRateLimit.get();
    }

    /** Sends {@code request} and reads the body as {@code type}. */
    public <T> T execute(ApiRequest request, Class<T> type) {
        return execute(request).as(type);
    }

    /**
     * Sends {@code request}, retrying as configured, and returns the 2xx response.
     *
     * @throws PatternHubException a subclass for every failure; see the class comment
     */
    public ApiResponse execute(ApiRequest request) {
        Objects.requireNonNull(request, "request");
        HttpUrl url = resolve(request);
        CallState state = new CallState(request, url);
        List<Policy<ApiResponse>> policies = new ArrayList<>(3);
        policies.add(retryPolicy(state));
        if (circuitBreaker != null) {
            policies.add(circuitBreaker);
        }
        if (bulkhead != null) {
            policies.add(bulkhead);
        }
        try {
            return Failsafe.with(policies).get(() -> attempt(state));
        } catch (PatternHubException e) {
            throw fail(state, e);
        } catch (CircuitBreakerOpenException e) {
            throw fail(state, new ConnectionException(platform.displayName() + " is failing repeatedly; the circuit"
                    + " breaker is open and calls fail fast for another "
                    + circuitBreaker.getRemainingDelay().toMillis() + " ms. Try again later.",
                    context().retryable(true).retryAfter(circuitBreaker.getRemainingDelay()).build()));
        } catch (BulkheadFullException e) {
            throw fail(state, new RateLimitException("More than " + bulkheadSize() + " calls to "
                    + platform.displayName() + " were in progress for over " + maxConcurrencyWait.toMillis()
                    + " ms; the connection's concurrency cap was reached. Send fewer calls at once.",
                    context().retryable(true).build()));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw fail(state, new ApiException("Unexpected failure calling " + platform.displayName() + ": " + cause,
                    context().build(), cause));
        }
    }

    private int bulkheadSize() {
        return bulkhead == null ? 0 : bulkhead.getConfig().getMaxConcurrency();
    }

    private RetryPolicy<ApiResponse> retryPolicy(CallState state) {
        return RetryPolicy.<ApiResponse>builder()
                .withMaxAttempts(retry.maxAttempts())
                .handleIf((result, failure) -> failure instanceof PatternHubException e && mayRetry(state, e))
                .withDelayFn(ctx -> retryDelay(ctx.getLastException(), ctx.getAttemptCount() + 1))
                .onRetryScheduled(ev -> {
                    PatternHubException failure = (PatternHubException) ev.getLastException();
                    LOG.info("{} {} {} failed ({}); retrying in {} ms (attempt {} of {})", platform.displayName(),
                            state.request.method(), redactor.url(state.url.toString()),
                            redactor.text(failure.getMessage()), ev.getDelay().toMillis(), state.attempts.get() + 1,
                            retry.maxAttempts());
                    notify(() -> listener.onRetry(platform, state.request, failure, state.attempts.get() + 1,
                            ev.getDelay()));
                })
                .build();
    }

    private boolean mayRetry(CallState state, PatternHubException e) {
        if (!e.retryable()) {
            return false;
        }
        if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(retry.maxRetryAfter()) > 0) {
            return false; // the caller learns the wait from the exception instead of a blocked thread
        }
        return state.request.safeToRepeat() || !state.lastAttemptReachedNetwork;
    }

    private Duration retryDelay(Throwable failure, int nextAttempt) {
        if (failure instanceof PatternHubException e && e.retryAfter().isPresent()) {
            return e.retryAfter().get(); // the platform's word, never shortened by jitter
        }
        long base = retry.backoff(nextAttempt).toMillis();
        double factor = 1 + retry.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base * factor)));
    }

    private static boolean countsAgainstCircuit(Throwable e) {
        if (e instanceof ConnectionException) {
            return true;
        }
        return e instanceof ApiException api && !(e instanceof RateLimitException)
                && api.httpStatus().orElse(0) >= 500;
    }

    /** One attempt, plus the single resend after a successful credential renewal on 401. */
    private ApiResponse attempt(CallState state) {
        Exchange exchange = exchange(state);
        if (exchange.response.status() == 401 && !state.renewed) {
            state.renewed = true;
            if (renew(exchange)) {
                exchange = exchange(state);
            }
        }
        if (!exchange.response.isSuccessful()) {
            throw mapError(exchange.response);
        }
        return exchange.response;
    }

    private boolean renew(Exchange exchange) {
        try {
            boolean renewed = auth.renewAfterUnauthorized(exchange.raw);
            LOG.debug("{} answered 401; credentials renewed: {}", platform.displayName(), renewed);
            return renewed;
        } catch (PatternHubException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuthenticationException(platform.displayName() + " refused the credentials and renewing them"
                    + " failed: " + e.getMessage() + ". Reconnect the account.",
                    context().httpStatus(401).build(), e);
        }
    }

    private Exchange exchange(CallState state) {
        int attempt = state.attempts.incrementAndGet();
        WindowRateLimiter.Permit permit = acquirePermit(state);
        SendTracker.SendState sendState = new SendTracker.SendState();
        state.lastAttemptReachedNetwork = false;
        try {
            Request okRequest = toOkHttp(state, sendState);
            notify(() -> listener.onRequest(platform, state.request, attempt));
            LOG.debug("{} {} {} (attempt {})", platform.displayName(), state.request.method(),
                    redactor.url(state.url.toString()), attempt);
            if (LOG.isTraceEnabled()) {
                okRequest.headers().forEach(h -> LOG.trace("  > {}: {}", h.getFirst(),
                        redactor.header(h.getFirst(), h.getSecond())));
            }
            long start = System.nanoTime();
            try (Response raw = client.newCall(okRequest).execute()) {
                state.lastAttemptReachedNetwork = true; // it answered, so it saw the request
                ResponseBody rawBody = raw.body();
                byte[] bytes = rawBody == null ? new byte[0] : rawBody.bytes();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                ApiResponse response = toApiResponse(state, raw, bytes, attempt);
                LOG.debug("{} {} {} -> {} in {} ms (attempt {})", platform.displayName(), state.request.method(),
                        redactor.url(state.url.toString()), raw.code(), took.toMillis(), attempt);
                notify(() -> listener.onResponse(platform, state.request, response, attempt, took));
                Response buffered = raw.newBuilder()
                        .body(ResponseBody.create(bytes, rawBody == null ? null : rawBody.contentType())).build();
                return new Exchange(response, buffered);
            } catch (IOException e) {
                state.lastAttemptReachedNetwork = sendState.requestStarted();
                throw connectionFailure(state, e);
            }
        } finally {
            limiter.release(permit);
        }
    }

    private WindowRateLimiter.Permit acquirePermit(CallState state) {
        try {
            WindowRateLimiter.Permit permit = limiter.acquire(rateLimit.maxWait());
            if (!permit.waited().isZero()) {
                notify(() -> listener.onRateLimited(platform, state.request, permit.waited()));
            }
            return permit;
        } catch (WindowRateLimiter.WaitTooLongException e) {
            throw new RateLimitException("The " + platform.displayName() + " rate limit for this connection is"
                    + " spent; the next call is possible in " + e.waitNeeded().toMillis() + " ms, longer than the "
                    + rateLimit.maxWait().toMillis() + " ms a call may wait. Try again later.",
                    context().retryable(true).retryAfter(e.waitNeeded())
                            .rateLimitHeaders(lastRateLimit.get().headers()).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting for the " + platform.displayName()
                    + " rate limit; the request was not sent.", context().build(), e);
        }
    }

    private Request toOkHttp(CallState state, SendTracker.SendState sendState) {
        ApiRequest req = state.request;
        Request.Builder b = new Request.Builder().url(state.url).tag(SendTracker.SendState.class, sendState);
        b.header("User-Agent", userAgent);
        req.headers().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
        req.idempotencyKey().ifPresent(key -> b.header(idempotencyKeyHeader, key));
        RequestBody body = req.body().map(c -> OkHttpBodies.toRequestBody(c, mapper)).orElse(null);
        if (body == null && req.method().permitsBody()) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(req.method().name(), body);
        auth.authorize(b);
        return b.build();
    }

    private ApiResponse toApiResponse(CallState state, Response raw, byte[] bytes, int attempt) {
        ResponseHeaders headers = ResponseHeaders.of(raw.headers().toMultimap());
        RateLimitStatus status = rateLimitReader.read(headers, clock.instant());
        lastRateLimit.set(status);
        adaptRateLimiter(state, raw.code(), status);
        String requestId = headers.first(requestIdHeader).orElse(null);
        return new ApiResponse(platform, state.request, raw.code(), headers, bytes, status, attempt, requestId, mapper);
    }

    /**
     * Follows the limits the platform reports (a window's size from its limit header) and pauses
     * every caller of this connection when the platform says its budget is spent (on a 429, or when
     * a spent window counts calls this connection did not make).
     */
    private void adaptRateLimiter(CallState state, int httpStatus, RateLimitStatus status) {
        for (RateLimitWindow w : status.windows()) {
            w.limit().ifPresent(limit -> limiter.adjustPermits(w.period(), limit));
        }
        Duration pause = Duration.ZERO;
        if (status.retryAfter().isPresent() && (httpStatus == 429 || httpStatus == 503)) {
            pause = status.retryAfter().get();
        } else if (httpStatus == 429) {
            pause = Duration.ofSeconds(1); // no hint: a short breather for everyone
        }
        for (RateLimitWindow w : status.windows()) {
            if (w.exhausted() && w.waitForRefill().compareTo(pause) > 0
                    && (httpStatus == 429 || !ownCallsAccountFor(w))) {
                pause = w.waitForRefill();
            }
        }
        if (!pause.isZero()) {
            limiter.pause(pause);
            Duration p = pause;
            LOG.debug("{} rate limit reached (HTTP {}); pausing calls for {} ms", platform.displayName(), httpStatus,
                    p.toMillis());
            if (httpStatus == 429) {
                notify(() -> listener.onRateLimited(platform, state.request, p));
            }
        }
    }

    /**
     * Whether this connection's own calls explain everything the platform counted in a spent window:
     * then the limiter's window of that length is full too and already holds the next call until its
     * oldest slot frees, so pausing every caller a whole period from now would only slow the connection
     * (each pause stretched every window by the time its calls took to send). Calls the limiter did not
     * make (another process on the same key) still pause everyone.
     */
    private boolean ownCallsAccountFor(RateLimitWindow w) {
        if (w.limit().isEmpty() || w.remaining().isEmpty()) {
            return false;
        }
        long counted = limiter.callsCounted(w.period());
        return counted >= 0 && counted >= w.limit().getAsLong() - w.remaining().getAsLong();
    }

    private PatternHubException mapError(ApiResponse response) {
        ErrorContext ctx = context()
                .httpStatus(response.status())
                .requestId(response.requestId().orElse(null))
                .retryAfter(response.rateLimit().retryAfter().orElse(null))
                .rateLimitHeaders(response.rateLimit().headers())
                .build();
        PatternHubException mapped = errorMapper.map(response, ctx);
        return mapped != null ? mapped
                : new ApiException(platform.displayName() + " answered HTTP " + response.status(), ctx);
    }

    private ConnectionException connectionFailure(CallState state, IOException e) {
        boolean safe = state.request.safeToRepeat() || !state.lastAttemptReachedNetwork;
        String what = e instanceof InterruptedIOException ? "timed out" : "failed (" + e.getClass().getSimpleName()
                + ": " + e.getMessage() + ")";
        String advice = safe ? "" : " The request may have reached " + platform.displayName()
                + " and was not resent; check whether it took effect, or send it with an idempotency key.";
        return new ConnectionException("The call to " + platform.displayName() + " " + state.request.method() + " "
                + redactor.url(state.url.encodedPath()) + " " + what + "." + advice,
                context().retryable(safe).build(), e);
    }

    private PatternHubException fail(CallState state, PatternHubException e) {
        e.withAttempts(Math.max(1, state.attempts.get()));
        LOG.warn("{} {} {} failed after {} attempt(s): {}", platform.displayName(), state.request.method(),
                redactor.url(state.url.toString()), e.attempts(), redactor.text(e.getMessage()));
        notify(() -> listener.onFailure(platform, state.request, e, e.attempts()));
        return e;
    }

    private ErrorContext.Builder context() {
        return ErrorContext.builder().platform(platform);
    }

    private void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("TransportListener threw; ignored", e);
        }
    }

    private HttpUrl resolve(ApiRequest request) {
        HttpUrl url;
        if (request.isAbsolute()) {
            url = HttpUrl.parse(request.path());
            if (url == null || !url.scheme().equals(baseUrl.scheme()) || !url.host().equals(baseUrl.host())
                    || url.port() != baseUrl.port()) {
                throw new InvalidRequestException("Absolute URL " + redactor.url(request.path()) + " is not on "
                        + baseUrl.scheme() + "://" + baseUrl.host() + ":" + baseUrl.port()
                        + "; credentials are only sent to the connection's own host.", context().build());
            }
        } else {
            String base = baseUrl.toString();
            String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
            url = HttpUrl.parse((base.endsWith("/") ? base : base + "/") + path);
            if (url == null) {
                throw new InvalidRequestException("Cannot build a URL from path '" + request.path() + "'",
                        context().build());
            }
        }
        HttpUrl.Builder b = url.newBuilder();
        for (Map.Entry<String, String> q : request.queryParams()) {
            b.addQueryParameter(q.getKey(), q.getValue());
        }
        return b.build();
    }

    /** Releases the connection pool and threads if this transport created its own OkHttp client. */
    @Override
    public void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private record Exchange(ApiResponse response, Response raw) {
    }

    /** What one {@link #execute} call has done so far. Confined to the calling thread. */
    private static final class CallState {
        final ApiRequest request;
        final HttpUrl url;
        final AtomicInteger attempts = new AtomicInteger();
        boolean renewed;
        boolean lastAttemptReachedNetwork;

        CallState(ApiRequest request, HttpUrl url) {
            this.request = request;
            this.url = url;
        }
    }

    /** Builds an {@link HttpTransport}. Not thread-safe; the transport it builds is. */
    public static final class Builder {
        private Platform platform;
        private HttpUrl baseUrl;
        private AuthScheme auth = AuthScheme.none();
        private OkHttpClient client;
        private ObjectMapper mapper = PatternHubJson.newMapper();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ZERO;
        private RetrySettings retry = RetrySettings.defaults();
        private RateLimitSettings rateLimit = RateLimitSettings.unlimited();
        private int maxConcurrentCalls;
        private Duration maxConcurrencyWait = Duration.ofMinutes(1);
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.defaults();
        private ErrorMapper errorMapper = ErrorMapper.defaults();
        private RateLimitHeaderReader rateLimitReader = RateLimitHeaderReader.retryAfterOnly();
        private TransportListener listener = TransportListener.none();
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private String requestIdHeader = "x-request-id";
        private String idempotencyKeyHeader = "Idempotency-Key";
        private String userAgent = "patternhub-java";
        private Redactor redactor = Redactor.defaults();

        private Builder() {
        }

        /** The platform this connection talks to (required). */
        public Builder platform(Platform platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /**
         * The URL relative request paths are resolved against (required), e.g. {@code https://api.xero.com/api.xro/2.0}.
         * Plain {@code http} is refused unless the host is loopback (a sandbox or local proxy): credentials
         * must not cross a network in clear.
         */
        public Builder baseUrl(String baseUrl) {
            HttpUrl parsed = baseUrl == null ? null : HttpUrl.parse(baseUrl);
            if (parsed == null) {
                throw new ConfigurationException("baseUrl must be an absolute http(s) URL, was '" + baseUrl + "'",
                        ErrorContext.empty());
            }
            if (!parsed.isHttps() && !isLoopback(parsed.host())) {
                throw new ConfigurationException("Refusing plain http to " + parsed.host()
                        + ": use https (plain http is allowed only for loopback hosts)", ErrorContext.empty());
            }
            this.baseUrl = parsed;
            return this;
        }

        /** Loopback by name or literal address only: no DNS lookup at configuration time. */
        private static boolean isLoopback(String host) {
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("[::1]")
                    || h.matches("127(\\.\\d{1,3}){3}");
        }

        /** How requests are authorised; defaults to {@link AuthScheme#none()}. */
        public Builder auth(AuthScheme auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** An OkHttp client to share connection pools and threads with; its settings are copied, not changed. */
        public Builder okHttpClient(OkHttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The mapper for request and response bodies; defaults to {@link PatternHubJson#newMapper()}. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** The longest silence while reading a response. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        /** The longest stall while writing a request body. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = nonNegative(timeout, "writeTimeout");
            return this;
        }

        /** The longest one attempt may take in total; zero (the default) for no limit, as uploads can be long. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = nonNegative(timeout, "callTimeout");
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** The client-side rate limit; defaults to {@link RateLimitSettings#unlimited()}. */
        public Builder rateLimit(RateLimitSettings rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /**
         * Caps calls in progress at once (Xero: 5 per tenant); 0 (the default) for no cap. A call
         * waits up to {@code maxWait} for a free slot, then fails with a {@code RateLimitException}.
         */
        public Builder maxConcurrentCalls(int max, Duration maxWait) {
            if (max < 0) {
                throw new ConfigurationException("maxConcurrentCalls must not be negative, was " + max,
                        ErrorContext.empty());
            }
            this.maxConcurrentCalls = max;
            this.maxConcurrencyWait = nonNegative(maxWait, "maxWait");
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        public Builder errorMapper(ErrorMapper errorMapper) {
            this.errorMapper = Objects.requireNonNull(errorMapper, "errorMapper");
            return this;
        }

        public Builder rateLimitHeaderReader(RateLimitHeaderReader reader) {
            this.rateLimitReader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        public Builder listener(TransportListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock used to read HTTP-date {@code Retry-After} values. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The monotonic clock of the rate limiter's windows and pauses ({@code System::nanoTime}); tests set
         * one they advance themselves, so that a busy machine cannot let a window expire between two calls.
         */
        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** The response header holding the platform's request id; defaults to {@code x-request-id}. */
        public Builder requestIdHeader(String name) {
            this.requestIdHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The request header carrying {@link ApiRequest#idempotencyKey()}; defaults to {@code Idempotency-Key}. */
        public Builder idempotencyKeyHeader(String name) {
            this.idempotencyKeyHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** The redactor applied to everything logged; defaults to {@link Redactor#defaults()}. */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        public HttpTransport build() {
            if (platform == null) {
                throw new ConfigurationException("HttpTransport needs a platform", ErrorContext.empty());
            }
            if (baseUrl == null) {
                throw new ConfigurationException("HttpTransport for " + platform.displayName() + " needs a baseUrl",
                        ErrorContext.builder().platform(platform).build());
            }
            return new HttpTransport(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new ConfigurationException(name + " must not be negative, was " + d, ErrorContext.empty());
            }
            return d;
        }
    }
}
