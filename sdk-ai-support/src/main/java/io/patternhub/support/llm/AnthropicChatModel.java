package io.patternhub.support.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.support.llm.internal.AnthropicErrorMapper;
import io.patternhub.support.privacy.PiiRedactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ChatModel} over the Anthropic Messages API ({@code POST {baseUrl}/messages}, headers
 * {@code x-api-key} and {@code anthropic-version}). Calls go through the core {@link HttpTransport}:
 * retries that honour {@code Retry-After} (429) and back off on overload (529), timeouts, typed
 * errors. Personal data is redacted from every message first.
 */
public final class AnthropicChatModel implements ChatModel, AutoCloseable {
    /** Anthropic's endpoint. */
    public static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com/v1";
    /** The API version this client speaks. */
    public static final String API_VERSION = "2023-06-01";

    private final HttpTransport transport;
    private final String model;
    private final PiiRedactor redactor;

    private AnthropicChatModel(Builder b) {
        this.model = b.requireModel();
        this.redactor = b.redactor();
        String key = b.apiKey();
        if (key == null || key.isBlank()) {
            throw new ConfigurationException("Anthropic needs an API key: pass apiKey(...) or set PATTERNHUB_LLM_API_KEY",
                    ErrorContext.empty());
        }
        AuthScheme auth = request -> request.header("x-api-key", key).header("anthropic-version", API_VERSION);
        this.transport = b.transport(auth, new AnthropicErrorMapper(), "request-id");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            messages.add(Map.of("role", m.role().name().toLowerCase(Locale.ROOT), "content", redactor.redact(m.content())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("max_tokens", request.maxTokens());
        if (!request.system().isEmpty()) {
            body.put("system", redactor.redact(request.system()));
        }
        body.put("messages", messages);
        body.put("temperature", Math.min(1.0, request.temperature()));
        ApiResponse response = transport.execute(ApiRequest.builder(HttpMethod.POST, "messages")
                .jsonBody(body).idempotent(true).build());
        JsonNode json = response.json();
        StringBuilder text = new StringBuilder();
        for (JsonNode block : json.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        if (!json.path("content").isArray()) {
            throw new ApiException("The Anthropic reply had no content array: "
                    + OpenAiCompatibleChatModel.abbreviate(json.toString()),
                    ErrorContext.builder().platform(transport.platform()).httpStatus(response.status())
                            .requestId(response.requestId().orElse(null)).build());
        }
        return new ChatResponse(text.toString(), json.path("model").asText(model), json.path("stop_reason").asText(""),
                json.path("usage").path("input_tokens").asInt(), json.path("usage").path("output_tokens").asInt());
    }

    @Override
    public String describe() {
        return "anthropic/" + model;
    }

    @Override
    public void close() {
        transport.close();
    }

    /**
     * Builds an {@link AnthropicChatModel}: API root (default {@link #ANTHROPIC_BASE_URL}), API key (required),
     * model (e.g. {@code claude-sonnet-4-5}, required).
     */
    public static final class Builder extends ChatModelBuilder<Builder> {
        private Builder() {
            super(ANTHROPIC_BASE_URL);
        }

        public AnthropicChatModel build() {
            return new AnthropicChatModel(this);
        }
    }
}
