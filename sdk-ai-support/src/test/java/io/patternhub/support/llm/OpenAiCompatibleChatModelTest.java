package io.patternhub.support.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleChatModelTest {
    /** The shape OpenAI returns for a non-streaming chat completion. */
    static final String COMPLETION = """
            {"id":"chatcmpl-9x2","object":"chat.completion","created":1732400000,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Print at 100% scale.","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":57,"completion_tokens":7,"total_tokens":64},"system_fingerprint":"fp_0ba0d124f1"}""";
    static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3.",
             "type":"requests","param":null,"code":"rate_limit_exceeded"}}""";

    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleChatModel model;

    @BeforeEach
    void start() throws IOException {
        server.start();
        model = client(Duration.ofSeconds(5), new RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(20), 0, Duration.ofSeconds(5)));
    }

    private OpenAiCompatibleChatModel client(Duration timeout, RetrySettings retry) {
        return OpenAiCompatibleChatModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-123")
                .model("gpt-4o-mini").timeout(timeout).retry(retry).build();
    }

    @AfterEach
    void stop() throws IOException {
        model.close();
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static ChatRequest question(String text) {
        return ChatRequest.builder().system("Answer from the passages.").user(text).jsonOutput(true).maxTokens(300).build();
    }

    @Test
    void theSharedTransportSettingsReachTheCallsListenerAndCustomizerIncluded() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        server.enqueue(json(200, COMPLETION));
        try (OpenAiCompatibleChatModel custom = OpenAiCompatibleChatModel.builder().baseUrl(server.url("/v1").toString())
                .model("gpt-4o-mini").retry(RetrySettings.none())
                .listener(new io.patternhub.core.http.TransportListener() {
                    @Override
                    public void onRequest(io.patternhub.core.Platform platform, io.patternhub.core.http.ApiRequest request,
                                          int attempt) {
                        attempts.incrementAndGet();
                    }
                })
                .transport(t -> t.userAgent("pattern-shop-bot/1.0")).build()) {
            assertThat(custom.chat(question("How do I print?")).text()).isEqualTo("Print at 100% scale.");
        }
        assertThat(attempts).hasValue(1);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeader("User-Agent")).isEqualTo("pattern-shop-bot/1.0");
        assertThat(sent.getHeader("Authorization")).isNull(); // no key: a local server
    }

    @Test
    void sendsTheChatCompletionsShapeAndReadsTheReply() throws Exception {
        server.enqueue(json(200, COMPLETION).setHeader("x-request-id", "req_abc"));
        ChatResponse reply = model.chat(question("How do I print?"));

        assertThat(reply.text()).isEqualTo("Print at 100% scale.");
        assertThat(reply.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(reply.stopReason()).isEqualTo("stop");
        assertThat(reply.inputTokens()).isEqualTo(57);
        assertThat(reply.outputTokens()).isEqualTo(7);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer sk-test-123");
        JsonNode body = PatternHubJson.newMapper().readTree(sent.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("How do I print?");
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void redactsPersonalDataFromTheOutgoingBody() throws Exception {
        server.enqueue(json(200, COMPLETION));
        model.chat(question("Hi, I'm writing from jane.doe@example.com about order #104233. Call +44 20 7946 0958,"
                + " I live at 221B Baker Street, London NW1 6XE. Thanks, Jane"));
        String body = server.takeRequest().getBody().readUtf8();
        assertThat(body).doesNotContain("jane.doe@example.com", "104233", "7946", "Baker Street", "NW1 6XE", "Thanks, Jane")
                .contains("[EMAIL]", "[ORDER]", "[PHONE]", "[ADDRESS]", "[POSTCODE]", "[NAME]");
    }

    @Test
    void retriesA429AfterTheRetryAfterAndSucceeds() throws Exception {
        server.enqueue(json(429, RATE_LIMITED).setHeader("Retry-After", "1"));
        server.enqueue(json(200, COMPLETION));
        assertThat(model.chat(question("How do I print?")).text()).isEqualTo("Print at 100% scale.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void persistent429sBecomeARateLimitExceptionCarryingTheWait() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(429, RATE_LIMITED).setHeader("Retry-After", "0"));
        }
        assertThatThrownBy(() -> model.chat(question("How do I print?")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.platformErrorCode()).hasValue("rate_limit_exceeded");
                    assertThat(e.retryAfter()).hasValue(Duration.ZERO);
                    assertThat(e.getMessage()).contains("Rate limit reached");
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerErrorIsRetriedButABadKeyIsNot() {
        server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        server.enqueue(json(200, COMPLETION));
        assertThat(model.chat(question("q")).text()).isEqualTo("Print at 100% scale.");
        assertThat(server.getRequestCount()).isEqualTo(2);

        server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                + "\"code\":\"invalid_api_key\"}}"));
        assertThatThrownBy(() -> model.chat(question("q"))).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Incorrect API key");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aSlowServerTimesOutWithAConnectionException() {
        try (OpenAiCompatibleChatModel impatient = client(Duration.ofMillis(300), RetrySettings.none())) {
            server.enqueue(json(200, COMPLETION).setHeadersDelay(3, TimeUnit.SECONDS));
            assertThatThrownBy(() -> impatient.chat(question("q"))).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("timed out");
        }
    }

    @Test
    void aReplyWithoutContentIsAnApiError() {
        server.enqueue(json(200, "{\"id\":\"x\",\"choices\":[]}"));
        assertThatThrownBy(() -> model.chat(question("q"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("no message content");
    }

    @Test
    void localServersWithoutAKeyGetNoAuthorizationHeader() throws Exception {
        try (OpenAiCompatibleChatModel ollama = OpenAiCompatibleChatModel.builder().baseUrl(server.url("/v1").toString())
                .model("llama3.1:8b").jsonResponseFormat(false).build()) {
            server.enqueue(json(200, COMPLETION));
            ollama.chat(question("q"));
            RecordedRequest sent = server.takeRequest();
            assertThat(sent.getHeader("Authorization")).isNull();
            assertThat(sent.getBody().readUtf8()).doesNotContain("response_format");
        }
    }
}
