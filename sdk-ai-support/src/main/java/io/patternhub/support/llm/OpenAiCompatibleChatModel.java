package io.patternhub.support.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.support.privacy.PiiRedactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ChatModel} over the OpenAI chat completions API ({@code POST {baseUrl}/chat/completions}),
 * which OpenAI, Ollama ({@code http://localhost:11434/v1}), vLLM and llama.cpp servers all speak.
 * Calls go through the core {@link HttpTransport}: retries with backoff that honour
 * {@code Retry-After}, timeouts, typed errors. Personal data is redacted from every message first.
 */
public final class OpenAiCompatibleChatModel implements ChatModel, AutoCloseable {
    /** OpenAI's own endpoint. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    private final HttpTransport transport;
    private final String model;
    private final PiiRedactor redactor;
    private final boolean jsonResponseFormat;

    private OpenAiCompatibleChatModel(Builder b) {
        this.model = b.requireModel();
        this.redactor = b.redactor();
        this.jsonResponseFormat = b.jsonResponseFormat;
        String key = b.apiKey();
        AuthScheme auth = key == null || key.isBlank() ? AuthScheme.none()
                : request -> request.header("Authorization", "Bearer " + key);
        this.transport = b.transport(auth, new DefaultErrorMapper(), "x-request-id");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        List<Map<String, Object>> messages = new ArrayList<>();
        if (!request.system().isEmpty()) {
            messages.add(Map.of("role", "system", "content", redactor.redact(request.system())));
        }
        for (ChatMessage m : request.messages()) {
            messages.add(Map.of("role", m.role().name().toLowerCase(Locale.ROOT), "content", redactor.redact(m.content())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        if (request.jsonOutput() && jsonResponseFormat) {
            body.put("response_format", Map.of("type", "json_object"));
        }
        // A completion changes nothing on the server, so it is safe to repeat after a 429 or 5xx.
        ApiResponse response = transport.execute(ApiRequest.builder(HttpMethod.POST, "chat/completions")
                .jsonBody(body).idempotent(true).build());
        JsonNode json = response.json();
        JsonNode choice = json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw new ApiException("The chat completion had no message content: " + abbreviate(json.toString()),
                    ErrorContext.builder().platform(transport.platform()).httpStatus(response.status())
                            .requestId(response.requestId().orElse(null)).build());
        }
        return new ChatResponse(content.asText(), json.path("model").asText(model),
                choice.path("finish_reason").asText(""), json.path("usage").path("prompt_tokens").asInt(),
                json.path("usage").path("completion_tokens").asInt());
    }

    @Override
    public String describe() {
        return "openai-compatible/" + model + " at " + transport.baseUrl();
    }

    @Override
    public void close() {
        transport.close();
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /**
     * Builds an {@link OpenAiCompatibleChatModel}: API root (default {@link #OPENAI_BASE_URL}), model (e.g.
     * {@code gpt-4o-mini} or {@code llama3.1:8b}), a bearer key (leave unset for local servers that need none).
     */
    public static final class Builder extends ChatModelBuilder<Builder> {
        private boolean jsonResponseFormat = true;

        private Builder() {
            super(OPENAI_BASE_URL);
        }

        /** Whether to send {@code response_format: json_object} for JSON requests (default true; turn off for servers without it). */
        public Builder jsonResponseFormat(boolean jsonResponseFormat) {
            this.jsonResponseFormat = jsonResponseFormat;
            return this;
        }

        public OpenAiCompatibleChatModel build() {
            return new OpenAiCompatibleChatModel(this);
        }
    }
}
