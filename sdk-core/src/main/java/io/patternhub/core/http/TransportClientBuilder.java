package io.patternhub.core.http;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The transport settings every client builder offers the same way (ledgers, LLM clients, storefronts): the OkHttp
 * client, retry, client-side rate limit, concurrency cap, listener, and {@link #transport} for anything
 * else {@link HttpTransport.Builder} offers. A client's builder extends this, sets its platform's defaults
 * through the constructor, and builds each transport with {@link #newTransport}.
 *
 * <pre>{@code
 * XeroLedger ledger = XeroLedger.builder().auth(auth)
 *         .retry(RetrySettings.defaults().withMaxAttempts(5))
 *         .transport(t -> t.readTimeout(Duration.ofSeconds(90)))
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder, which every setter returns so calls chain
 */
public abstract class TransportClientBuilder<B extends TransportClientBuilder<B>> {
    private OkHttpClient okHttpClient;
    private RetrySettings retry;
    private RateLimitSettings rateLimit;
    private int maxConcurrentCalls;
    private Duration maxConcurrencyWait = Duration.ofMinutes(1);
    private TransportListener listener = TransportListener.none();
    private final List<Consumer<HttpTransport.Builder>> customizers = new ArrayList<>();

    /**
     * @param retry              the client's default retry settings
     * @param rateLimit          the client's default client-side limit
     * @param maxConcurrentCalls the client's default cap on calls in progress (0: none)
     */
    protected TransportClientBuilder(RetrySettings retry, RateLimitSettings rateLimit, int maxConcurrentCalls) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.maxConcurrentCalls = requireCap(maxConcurrentCalls);
    }

    /**
     * An OkHttp client to share connection pools and threads with (its settings are copied, not changed).
     *
     * @param client the client
     * @return this builder
     */
    public B okHttpClient(OkHttpClient client) {
        this.okHttpClient = Objects.requireNonNull(client, "client");
        return self();
    }

    /**
     * How failed calls are retried.
     *
     * @param retry the settings
     * @return this builder
     */
    public B retry(RetrySettings retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return self();
    }

    /**
     * The client-side rate limit.
     *
     * @param rateLimit the limit
     * @return this builder
     */
    public B rateLimit(RateLimitSettings rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        return self();
    }

    /**
     * Caps calls in progress at once; a call waits up to {@code maxWait} for a free slot.
     *
     * @param max     the cap; 0 for none
     * @param maxWait how long a call may wait for a slot
     * @return this builder
     * @throws ConfigurationException if {@code max} is negative
     */
    public B maxConcurrentCalls(int max, Duration maxWait) {
        this.maxConcurrentCalls = requireCap(max);
        this.maxConcurrencyWait = Objects.requireNonNull(maxWait, "maxWait");
        return self();
    }

    /**
     * Told about every request, response and retry (metrics).
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(TransportListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Adjusts the transport further (timeouts, circuit breaker, clock, redaction ...). Customizers run in
     * the order added, after the client's own settings, so they win.
     *
     * @param customizer changes a transport builder
     * @return this builder
     */
    public B transport(Consumer<HttpTransport.Builder> customizer) {
        customizers.add(Objects.requireNonNull(customizer, "customizer"));
        return self();
    }

    /**
     * The retry settings chosen so far, for clients that also pace their own write retries with them.
     *
     * @return the retry settings
     */
    protected final RetrySettings retrySettings() {
        return retry;
    }

    /**
     * The OkHttp client given to {@link #okHttpClient(OkHttpClient)}, for clients that build on it themselves
     * (an interceptor of their own, a second client for another host).
     *
     * @return the client, empty if none was given
     */
    protected final Optional<OkHttpClient> sharedOkHttpClient() {
        return Optional.ofNullable(okHttpClient);
    }

    /**
     * Builds a transport: the client's own settings first, then this builder's shared settings, then the
     * customizers.
     *
     * @param clientSettings a transport builder with the client's platform, base URL, auth, error mapper ...
     * @return the transport
     */
    protected final HttpTransport newTransport(HttpTransport.Builder clientSettings) {
        return newTransport(clientSettings, t -> { });
    }

    /**
     * Like {@link #newTransport(HttpTransport.Builder)}, then applies {@code kept} after the customizers: for
     * settings the client cannot work without, which a customizer must not replace.
     *
     * @param clientSettings a transport builder with the client's platform, base URL, auth, error mapper ...
     * @param kept           the settings applied last
     * @return the transport
     */
    protected final HttpTransport newTransport(HttpTransport.Builder clientSettings,
            Consumer<HttpTransport.Builder> kept) {
        clientSettings.retry(retry).rateLimit(rateLimit).maxConcurrentCalls(maxConcurrentCalls, maxConcurrencyWait)
                .listener(listener);
        if (okHttpClient != null) {
            clientSettings.okHttpClient(okHttpClient);
        }
        customizers.forEach(c -> c.accept(clientSettings));
        kept.accept(clientSettings);
        return clientSettings.build();
    }

    private static int requireCap(int max) {
        if (max < 0) {
            throw new ConfigurationException("maxConcurrentCalls must not be negative, was " + max, ErrorContext.empty());
        }
        return max;
    }

    /**
     * This builder as its concrete type, for setters of subclasses.
     *
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }
}
