package io.patternhub.support.llm;

import io.patternhub.core.Platform;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.http.ErrorMapper;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.support.privacy.PiiRedactor;

import java.time.Duration;
import java.util.Objects;

/**
 * What every LLM client's builder takes: API root, key, model, timeout, the redactor applied to every
 * message, and the shared transport settings ({@link #retry}, {@link #listener}, {@link #transport} ...).
 *
 * @param <B> the concrete builder
 */
public abstract class ChatModelBuilder<B extends ChatModelBuilder<B>> extends TransportClientBuilder<B> {
    private String baseUrl;
    private String apiKey;
    private String model;
    private Duration timeout = Duration.ofSeconds(60);
    private PiiRedactor redactor = PiiRedactor.defaults();

    ChatModelBuilder(String defaultBaseUrl) {
        super(RetrySettings.defaults(), RateLimitSettings.unlimited(), 0);
        this.baseUrl = defaultBaseUrl;
    }

    /**
     * The API root, ending before the endpoint path.
     *
     * @param baseUrl the root
     * @return this builder
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /**
     * The API key.
     *
     * @param apiKey the key
     * @return this builder
     */
    public B apiKey(String apiKey) {
        this.apiKey = apiKey;
        return self();
    }

    /**
     * The model name (required).
     *
     * @param model the name
     * @return this builder
     */
    public B model(String model) {
        this.model = model;
        return self();
    }

    /**
     * The longest one attempt may take (default 60 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    /**
     * The redactor applied to every message (default {@link PiiRedactor#defaults()}).
     *
     * @param redactor the redactor
     * @return this builder
     */
    public B redactor(PiiRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        return self();
    }

    String apiKey() {
        return apiKey;
    }

    PiiRedactor redactor() {
        return redactor;
    }

    /** The model name, checked. */
    String requireModel() {
        if (model == null || model.isBlank()) {
            throw new ConfigurationException("No model name set: pass model(...) or set PATTERNHUB_LLM_MODEL",
                    ErrorContext.empty());
        }
        return model.strip();
    }

    /** The transport to the API root, with the timeout checked and applied to every phase of a call. */
    HttpTransport transport(AuthScheme auth, ErrorMapper errorMapper, String requestIdHeader) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new ConfigurationException("The LLM timeout must be positive, was " + timeout, ErrorContext.empty());
        }
        Duration connect = Duration.ofSeconds(10).compareTo(timeout) < 0 ? Duration.ofSeconds(10) : timeout;
        return newTransport(HttpTransport.builder().platform(Platform.SUPPORT).baseUrl(baseUrl).auth(auth)
                .connectTimeout(connect).readTimeout(timeout).callTimeout(timeout)
                .errorMapper(errorMapper).requestIdHeader(requestIdHeader).userAgent("patternhub-ai-support"));
    }
}
