package io.patternhub.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.Faults;
import io.patternhub.testkit.internal.Route;
import io.patternhub.testkit.internal.RouteTemplate;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.journal.RequestJournal;
import io.patternhub.testkit.limit.LimitState;
import io.patternhub.testkit.limit.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every platform sandbox: a MockWebServer with a stateful dispatcher. A request goes
 * through, in order: route matching, {@link Faults fault plans}, {@link RateLimiter rate limiters},
 * 404/405 for unknown routes, {@link RequestValidator validators}, then the route's
 * {@link RouteHandler}. Every request is recorded in the {@link RequestJournal}. Errors are shaped
 * by the {@link ErrorFormatter}. Thread-safe: routes, limiters, validators and fault plans may be
 * added while it runs.
 *
 * <pre>{@code
 * try (SandboxServer server = SandboxServer.builder().build().start()) {
 *     server.route("GET", "/v3/application/shops/{shop_id}", req -> SandboxResponse.json(shop(req.pathParam("shop_id"))));
 *     // point the client under test at server.baseUrl()
 * }
 * }</pre>
 *
 * <p>Platform sandboxes extend it: call {@code super(builder)} with the platform's error formatter
 * and limiters, then register routes in the constructor. Note that OkHttp silently retries some
 * requests after a dropped connection unless {@code retryOnConnectionFailure(false)} is set.
 */
public class SandboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    private final Clock clock;
    private final ErrorFormatter errorFormatter;
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<RateLimiter> limiters = new CopyOnWriteArrayList<>();
    private final List<RequestValidator> validators = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final RequestJournal journal = new RequestJournal();
    private final AtomicLong sequence = new AtomicLong();
    private final Object lifecycleLock = new Object();
    private MockWebServer server;

    /**
     * Creates a sandbox from a builder; platform sandboxes call this from their constructors.
     *
     * @param builder the configuration
     */
    protected SandboxServer(Builder builder) {
        this.clock = builder.clock;
        this.errorFormatter = builder.errorFormatter;
        this.limiters.addAll(builder.limiters);
        this.validators.addAll(builder.validators);
    }

    /**
     * Starts configuring a sandbox.
     *
     * @return a builder with the system clock, the generic JSON error shape, no limiters and no validators
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server on a free local port.
     *
     * @return this sandbox
     * @throws IllegalStateException when already started
     */
    public SandboxServer start() {
        synchronized (lifecycleLock) {
            if (server != null) {
                throw new IllegalStateException("Sandbox already started at " + baseUrl());
            }
            MockWebServer created = new MockWebServer();
            created.setDispatcher(new SandboxDispatcher());
            // MockWebServer writes headers and body separately; without TCP_NODELAY each response waits
            // out the client's delayed ACK (about 40 ms), which made request-heavy tests slow.
            created.setServerSocketFactory(new NoDelayServerSocketFactory());
            try {
                created.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the sandbox server", e);
            }
            server = created;
            return this;
        }
    }

    /** Stops the server; a stopped sandbox cannot be restarted. Safe to call twice. */
    public void stop() {
        synchronized (lifecycleLock) {
            if (server == null) {
                return;
            }
            try {
                server.shutdown();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the sandbox server", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The root URL, without a trailing slash, e.g. {@code http://127.0.0.1:54321}.
     *
     * @return the base URL
     * @throws IllegalStateException when not started
     */
    public String baseUrl() {
        String root = url("/").toString();
        return root.substring(0, root.length() - 1);
    }

    /**
     * The URL of {@code path} on this sandbox.
     *
     * @param path a path starting with '/', optionally with a query
     * @return the URL
     * @throws IllegalStateException when not started
     */
    public HttpUrl url(String path) {
        synchronized (lifecycleLock) {
            if (server == null) {
                throw new IllegalStateException("Sandbox not started: call start() first");
            }
            return server.url(path);
        }
    }

    /**
     * Registers a route. When several templates match a path, the one with the fewest variables
     * wins, then the first registered.
     *
     * @param method the HTTP method
     * @param template the path template, e.g. {@code /v3/application/shops/{shop_id}/listings/{listing_id}}
     * @param handler answers matching requests
     * @return this sandbox
     */
    public SandboxServer route(String method, String template, RouteHandler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        routes.add(new Route(method.toUpperCase(Locale.ROOT), RouteTemplate.compile(template), handler));
        return this;
    }

    /**
     * Adds a rate limiter, consulted after those already added.
     *
     * @param limiter the limiter
     * @return this sandbox
     */
    public SandboxServer addLimiter(RateLimiter limiter) {
        limiters.add(Objects.requireNonNull(limiter, "limiter"));
        return this;
    }

    /**
     * Adds a request validator, run before handlers.
     *
     * @param validator the validator
     * @return this sandbox
     */
    public SandboxServer addValidator(RequestValidator validator) {
        validators.add(Objects.requireNonNull(validator, "validator"));
        return this;
    }

    /** The fault plans of this sandbox. */
    public Faults faults() {
        return faults;
    }

    /** Every request this sandbox received. */
    public RequestJournal journal() {
        return journal;
    }

    /** The rate limiters, in the order they are consulted. */
    public List<RateLimiter> limiters() {
        return List.copyOf(limiters);
    }

    /** The clock the journal and (by convention) the platform state use. */
    public Clock clock() {
        return clock;
    }

    /** The JSON mapper used for request and response bodies. */
    protected ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The platform-shaped response for {@code error}; uses the configured {@link ErrorFormatter}.
     * Platform sandboxes may override it.
     *
     * @param error what went wrong
     * @return the response
     */
    protected SandboxResponse formatError(SandboxError error) {
        return errorFormatter.format(error);
    }

    /** What happened to one request, for the journal. */
    private static final class Outcome {
        private String fault;
        private String throttledBy;
        private List<ValidationError> validationErrors = List.of();
        private boolean handled;
    }

    private final class SandboxDispatcher extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest recorded) {
            Instant receivedAt = clock.instant();
            SandboxRequest request = parse(recorded);
            Outcome outcome = new Outcome();
            Optional<Fault> fault = faults.pick(request);
            fault.ifPresent(f -> outcome.fault = f.toString());

            SandboxResponse response;
            MockResponse mock;
            if (fault.isPresent() && !fault.get().runsHandler()) {
                response = answerInsteadOfHandler(fault.get());
                mock = toMock(response);
                if (fault.get().kind() == Fault.Kind.DROP_BEFORE_PROCESSING) {
                    mock.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                }
            } else {
                response = process(request, outcome);
                mock = toMock(response);
                fault.ifPresent(f -> spoil(f, mock));
            }
            journal.record(new JournalEntry(sequence.incrementAndGet(), receivedAt, request.method(), request.path(),
                    request.routeTemplate(), request.queryParams(), request.headers(), request.bodySize(),
                    response.status(), Optional.ofNullable(outcome.fault), Optional.ofNullable(outcome.throttledBy),
                    outcome.validationErrors, outcome.handled));
            return mock;
        }
    }

    private SandboxRequest parse(RecordedRequest recorded) {
        HttpUrl url = Objects.requireNonNull(recorded.getRequestUrl(), "request URL");
        String method = Objects.requireNonNull(recorded.getMethod(), "method").toUpperCase(Locale.ROOT);
        String path = url.encodedPath();
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            query.put(name, List.copyOf(url.queryParameterValues(name).stream()
                    .map(v -> v == null ? "" : v).toList()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : recorded.getHeaders().names()) {
            headers.put(name, String.join(", ", recorded.getHeaders().values(name)));
        }
        byte[] body = recorded.getBody().readByteArray();

        Route best = null;
        Map<String, String> vars = Map.of();
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> match = route.template().match(path);
            if (match.isPresent() && (best == null || route.template().variableCount() < best.template().variableCount())) {
                best = route;
                vars = match.get();
            }
        }
        return new SandboxRequest(method, path, best == null ? null : best.template().template(), vars, query,
                headers, body, mapper);
    }

    private SandboxResponse answerInsteadOfHandler(Fault fault) {
        switch (fault.kind()) {
            case TOO_MANY_REQUESTS:
                return formatError(SandboxError.of(429, SandboxError.RATE_LIMITED, "Too many requests (injected fault)"))
                        .withHeader("Retry-After", Long.toString(ceilSeconds(fault.retryAfter())));
            case SERVER_ERROR:
                return formatError(SandboxError.of(fault.status(), SandboxError.SERVER_ERROR,
                        "Server error (injected fault)"));
            default:
                // DROP_BEFORE_PROCESSING: the client never sees this, the journal does.
                return SandboxResponse.status(200);
        }
    }

    private SandboxResponse process(SandboxRequest request, Outcome outcome) {
        Map<String, String> limitHeaders = new LinkedHashMap<>();
        for (RateLimiter limiter : limiters) {
            Optional<LimitState> state = limiter.acquire(request);
            if (state.isEmpty()) {
                continue;
            }
            limitHeaders.putAll(limiter.headersFor(state.get()));
            if (!state.get().allowed()) {
                outcome.throttledBy = limiter.name();
                SandboxResponse throttled = limiter.throttleResponse()
                        .map(t -> t.respond(request, state.get()))
                        .orElseGet(() -> formatError(SandboxError.of(429, SandboxError.RATE_LIMITED,
                                "Rate limit exceeded (" + limiter.name() + "); retry after "
                                        + state.get().retryAfterSeconds() + " s"))
                                .withHeader("Retry-After", Long.toString(state.get().retryAfterSeconds())));
                return throttled.withHeaders(limitHeaders);
            }
        }
        return route(request, outcome).withHeaders(limitHeaders);
    }

    private SandboxResponse route(SandboxRequest request, Outcome outcome) {
        Optional<Route> route = request.routeTemplate().flatMap(template -> routes.stream()
                .filter(r -> r.method().equals(request.method()) && r.template().template().equals(template))
                .findFirst());
        if (route.isEmpty()) {
            boolean pathExists = routes.stream().anyMatch(r -> r.template().match(request.path()).isPresent());
            return pathExists
                    ? formatError(SandboxError.of(405, SandboxError.METHOD_NOT_ALLOWED,
                            request.method() + " is not allowed on " + request.path()))
                    : formatError(SandboxError.of(404, SandboxError.NOT_FOUND,
                            "No resource at " + request.method() + " " + request.path()));
        }
        List<ValidationError> problems = new ArrayList<>();
        for (RequestValidator validator : validators) {
            problems.addAll(validator.validate(request));
        }
        if (!problems.isEmpty()) {
            outcome.validationErrors = List.copyOf(problems);
            return formatError(new SandboxError(400, SandboxError.INVALID_REQUEST,
                    "The request is invalid: " + problems.get(0).message(), problems));
        }
        outcome.handled = true;
        try {
            return Objects.requireNonNull(route.get().handler().handle(request),
                    "handler of " + route.get().template().template() + " returned null");
        } catch (SandboxRejection rejection) {
            return formatError(rejection.error());
        } catch (RuntimeException e) {
            // A bug in a sandbox handler: answer 500 so the test sees it, and log the cause.
            LOG.error("Sandbox handler for {} {} failed", request.method(), request.path(), e);
            return formatError(SandboxError.of(500, SandboxError.SERVER_ERROR,
                    "Sandbox handler failed: " + e));
        }
    }

    private void spoil(Fault fault, MockResponse mock) {
        switch (fault.kind()) {
            case SLOW:
                mock.setHeadersDelay(fault.headersDelay().toMillis(), TimeUnit.MILLISECONDS);
                mock.setBodyDelay(fault.bodyDelay().toMillis(), TimeUnit.MILLISECONDS);
                break;
            case DISCONNECT_MID_BODY:
                if (mock.getBody() == null || mock.getBody().size() < 2) {
                    mock.setBody("{\"padding\":\"so there is a body to cut\"}");
                }
                mock.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                break;
            case MALFORMED_JSON:
                String original = mock.getBody() == null ? "" : mock.getBody().clone().readUtf8();
                mock.setHeader("Content-Type", "application/json; charset=utf-8");
                mock.setBody(original.substring(0, original.length() / 2) + "<!-- truncated");
                break;
            case PROCESS_THEN_DROP:
                mock.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                break;
            default:
                throw new IllegalStateException("Fault " + fault + " does not spoil a response");
        }
    }

    private MockResponse toMock(SandboxResponse response) {
        MockResponse mock = new MockResponse().setResponseCode(response.status());
        response.headers().forEach(mock::setHeader);
        byte[] body = response.rawBody().orElseGet(() -> writeJson(response.jsonBody().orElseThrow()));
        mock.setBody(new okio.Buffer().write(body));
        return mock;
    }

    private byte[] writeJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            LOG.error("Sandbox response body is not serialisable to JSON", e);
            return ("{\"error\":\"sandbox could not write its response: " + e.getOriginalMessage().replace('"', '\'')
                    + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static long ceilSeconds(java.time.Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** Configures a {@link SandboxServer} (or a platform sandbox that extends it). */
    public static class Builder {
        private Clock clock = Clock.systemUTC();
        private ErrorFormatter errorFormatter = ErrorFormatter.json();
        private final List<RateLimiter> limiters = new ArrayList<>();
        private final List<RequestValidator> validators = new ArrayList<>();

        /** Creates a builder with the defaults; platform sandboxes may subclass it. */
        protected Builder() {
        }

        /**
         * The sandbox clock (journal timestamps; platform state by convention).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Shapes errors like the platform's own.
         *
         * @param formatter the formatter
         * @return this builder
         */
        public Builder errorFormatter(ErrorFormatter formatter) {
            this.errorFormatter = Objects.requireNonNull(formatter, "formatter");
            return this;
        }

        /**
         * Adds a rate limiter.
         *
         * @param limiter the limiter
         * @return this builder
         */
        public Builder limiter(RateLimiter limiter) {
            limiters.add(Objects.requireNonNull(limiter, "limiter"));
            return this;
        }

        /**
         * Adds a request validator.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder validator(RequestValidator validator) {
            validators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * Builds a plain sandbox (not started).
         *
         * @return the sandbox
         */
        public SandboxServer build() {
            return new SandboxServer(this);
        }
    }

    /** Server sockets whose accepted connections have Nagle's algorithm off. */
    private static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
        @Override
        public java.net.ServerSocket createServerSocket() throws IOException {
            return new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    java.net.Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port) throws IOException {
            java.net.ServerSocket s = createServerSocket();
            s.bind(new java.net.InetSocketAddress(port));
            return s;
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
            java.net.ServerSocket s = createServerSocket();
            s.bind(new java.net.InetSocketAddress(port), backlog);
            return s;
        }

        @Override
        public java.net.ServerSocket createServerSocket(int port, int backlog, java.net.InetAddress address)
                throws IOException {
            java.net.ServerSocket s = createServerSocket();
            s.bind(new java.net.InetSocketAddress(address, port), backlog);
            return s;
        }
    }
}
