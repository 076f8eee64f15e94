package io.patternhub.support.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
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

class AnthropicChatModelTest {
    /** The shape of a Messages API reply. */
    static final String MESSAGE = """
            {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"{\\"abstain\\": false, "},{"type":"text","text":"\\"answer\\": \\"Yes.\\"}"}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":412,"output_tokens":19}}""";
    static final String RATE_LIMITED = """
            {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""";
    static final String OVERLOADED = """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""";

    private final MockWebServer server = new MockWebServer();
    private AnthropicChatModel model;

    @BeforeEach
    void start() throws IOException {
        server.start();
        model = client(Duration.ofSeconds(5));
    }

    private AnthropicChatModel client(Duration timeout) {
        return AnthropicChatModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-ant-test")
                .model("claude-sonnet-4-5").timeout(timeout)
                .retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(20), 0, Duration.ofSeconds(5))).build();
    }

    @AfterEach
    void stop() throws IOException {
        model.close();
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void sendsTheMessagesShapeAndJoinsTheTextBlocks() throws Exception {
        server.enqueue(json(200, MESSAGE).setHeader("request-id", "req_011"));
        ChatResponse reply = model.chat(ChatRequest.builder().system("Only use the passages.").user("Is seam allowance included?")
                .maxTokens(256).build());
        assertThat(reply.text()).isEqualTo("{\"abstain\": false, \"answer\": \"Yes.\"}");
        assertThat(reply.stopReason()).isEqualTo("end_turn");
        assertThat(reply.inputTokens()).isEqualTo(412);
        assertThat(reply.outputTokens()).isEqualTo(19);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeader("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = PatternHubJson.newMapper().readTree(sent.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("system").asText()).isEqualTo("Only use the passages.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void redactsTheSystemPromptAndEveryMessage() throws Exception {
        server.enqueue(json(200, MESSAGE));
        model.chat(ChatRequest.builder().system("Customer: ana@example.com").user("My card 4111 1111 1111 1111 was charged,"
                + " order number 3311207788").assistant("Noted.").user("Please write to ana@example.com").build());
        String body = server.takeRequest().getBody().readUtf8();
        assertThat(body).doesNotContain("ana@example.com", "4111", "3311207788").contains("[EMAIL]", "[CARD]", "[ORDER]");
    }

    @Test
    void rateLimitKeepsTheProvidersErrorTypeAndRetryAfter() {
        server.enqueue(json(429, RATE_LIMITED).setHeader("retry-after", "0"));
        server.enqueue(json(429, RATE_LIMITED).setHeader("retry-after", "30"));
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().user("q").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.platformErrorCode()).hasValue("rate_limit_error");
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30));
                    assertThat(e.attempts()).isEqualTo(2);
                });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void overloadIsRetried() {
        server.enqueue(json(529, OVERLOADED));
        server.enqueue(json(200, MESSAGE));
        assertThat(model.chat(ChatRequest.builder().user("q").build()).stopReason()).isEqualTo("end_turn");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void badRequestsAreNotRetried() {
        server.enqueue(json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}"));
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().user("q").build())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.platformErrorCode()).hasValue("invalid_request_error"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void timesOut() {
        try (AnthropicChatModel impatient = client(Duration.ofMillis(300))) {
            server.enqueue(json(200, MESSAGE).setBodyDelay(3, TimeUnit.SECONDS));
            server.enqueue(json(200, MESSAGE).setBodyDelay(3, TimeUnit.SECONDS));
            assertThatThrownBy(() -> impatient.chat(ChatRequest.builder().user("q").build()))
                    .isInstanceOf(ConnectionException.class);
        }
    }

    @Test
    void needsAKeyAndAModel() {
        assertThatThrownBy(() -> AnthropicChatModel.builder().model("m").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("API key");
        assertThatThrownBy(() -> AnthropicChatModel.builder().apiKey("k").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PATTERNHUB_LLM_MODEL");
    }
}
