package io.patternhub.support.llm;

/**
 * A chat language model. Implementations redact personal data from every message before it leaves
 * the process, are thread-safe, and throw the {@code io.patternhub.core.error} exceptions:
 * {@link io.patternhub.core.error.RateLimitException} (after the transport's retries, carrying the
 * provider's Retry-After), {@link io.patternhub.core.error.AuthenticationException},
 * {@link io.patternhub.core.error.ConnectionException} for timeouts, and
 * {@link io.patternhub.core.error.ApiException} otherwise.
 */
public interface ChatModel {

    /** Sends the conversation and returns the model's reply. */
    ChatResponse chat(ChatRequest request);

    /** The provider and model, for logs and reports, e.g. {@code "anthropic/claude-sonnet-4-5"}. */
    String describe();
}
