package io.patternhub.support.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.llm.AnthropicChatModel;
import io.patternhub.support.llm.OpenAiCompatibleChatModel;
import java.io.IOException;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmAnswererTest {
    private final KnowledgeBase kb = SampleKb.get();
    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleChatModel model;
    private LlmAnswerer answerer;

    @BeforeEach
    void start() throws IOException {
        server.start();
        model = OpenAiCompatibleChatModel.builder().baseUrl(server.url("/v1").toString()).model("m").retry(RetrySettings.none()).build();
        answerer = LlmAnswerer.builder(kb, model).build();
    }

    @AfterEach
    void stop() throws IOException {
        model.close();
        server.shutdown();
    }

    /** Wraps the model's JSON reply in a chat completion. */
    private void modelReplies(String content) throws IOException {
        String body = PatternHubJson.newMapper().writeValueAsString(Map.of("id", "c", "model", "m",
                "choices", java.util.List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content)))));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
    }

    private String userPrompt() throws Exception {
        JsonNode sent = PatternHubJson.newMapper().readTree(server.takeRequest().getBody().readUtf8());
        return sent.path("messages").get(1).path("content").asText();
    }

    @Test
    void aCitedAnswerIsGroundedInTheNumberedPassages() throws Exception {
        modelReplies("{\"abstain\": false, \"answer\": \"Sizes 12 to 20 need 3.6 m.\", \"citations\": [1], \"reason\": \"\"}");
        Answer a = answerer.answer(Inquiry.builder()
                .body("How much fabric do I need for the Juniper Wrap Dress in size 14? I'm ana@example.com").build());
        assertThat(a.answered()).isTrue();
        assertThat(a.citations()).singleElement().satisfies(c -> {
            assertThat(c.documentId()).isEqualTo("patterns/juniper-wrap-dress.pdf");
            assertThat(c.page()).isEqualTo(2);
        });
        assertThat(a.text()).startsWith("Sizes 12 to 20 need 3.6 m.").contains("Source: ").contains("page 2");
        String prompt = userPrompt();
        assertThat(prompt).contains("[1] Juniper Wrap Dress - Instructions (patterns/juniper-wrap-dress.pdf), page 2")
                .contains("sizes 12 to 20 need 3.6 m").contains("[EMAIL]").doesNotContain("ana@example.com");
    }

    @Test
    void anAbstentionEscalatesWithTheModelsReason() throws Exception {
        modelReplies("```json\n{\"abstain\": true, \"answer\": \"\", \"citations\": [], \"reason\": \"no silk advice\"}\n```");
        Answer a = answerer.answer(Inquiry.of("Can I make the Juniper Wrap Dress in silk satin with a train?"));
        assertThat(a.escalation()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(EscalationReason.NOT_IN_DOCUMENTATION);
            assertThat(e.summary()).contains("no silk advice");
        });
    }

    @Test
    void anUncitedOrMiscitedAnswerIsNotSent() throws Exception {
        modelReplies("{\"abstain\": false, \"answer\": \"Use 4 m.\", \"citations\": [], \"reason\": \"\"}");
        modelReplies("{\"abstain\": false, \"answer\": \"Use 4 m.\", \"citations\": [42], \"reason\": \"\"}");
        Inquiry q = Inquiry.of("How much fabric for the Juniper Wrap Dress?");
        assertThat(answerer.answer(q).escalation()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(EscalationReason.ANSWERER_FAILED));
        assertThat(answerer.answer(q).escalation()).hasValueSatisfying(e -> assertThat(e.summary()).contains("did not cite"));
    }

    @Test
    void proseInsteadOfJsonEscalates() throws Exception {
        modelReplies("Sure! You need about 3.6 m.");
        assertThat(answerer.answer(Inquiry.of("How much fabric for the Juniper Wrap Dress?")).escalation())
                .hasValueSatisfying(e -> assertThat(e.summary()).contains("not the JSON"));
    }

    @Test
    void unrelatedQuestionsNeverReachTheModel() {
        Answer a = answerer.answer(Inquiry.of("Do you have a pattern for a teddy bear?"));
        assertThat(a.escalated()).isTrue();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void worksOverAnthropicToo() throws Exception {
        try (AnthropicChatModel claude = AnthropicChatModel.builder().baseUrl(server.url("/v1").toString()).apiKey("k")
                .model("claude").retry(RetrySettings.none()).build()) {
            server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                    {"id":"msg_1","type":"message","role":"assistant","model":"claude","stop_reason":"end_turn",
                     "content":[{"type":"text","text":"{\\"abstain\\": false, \\"answer\\": \\"Seam allowance is 1.5 cm.\\", \\"citations\\": [1, 2]}"}],
                     "usage":{"input_tokens":1,"output_tokens":1}}"""));
            Answer a = LlmAnswerer.builder(kb, claude).build().answer(Inquiry.of("Is seam allowance included?"));
            assertThat(a.answered()).isTrue();
            assertThat(a.citations()).hasSize(2);
            assertThat(server.takeRequest().getPath()).isEqualTo("/v1/messages");
        }
    }

    @Test
    void aModelOutageBecomesAnEscalationThroughTheAgent() {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":{\"message\":\"boom\"}}"));
        SupportAgent agent = SupportAgent.builder().retriever(kb).answerer(answerer).build();
        Answer a = agent.handle(Inquiry.of("How do I print only my size?"));
        assertThat(a.escalation()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(EscalationReason.ANSWERER_FAILED));
    }
}
