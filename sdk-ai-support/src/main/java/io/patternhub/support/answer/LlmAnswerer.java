package io.patternhub.support.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.Retriever;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.llm.ChatModel;
import io.patternhub.support.llm.ChatRequest;
import io.patternhub.support.llm.ChatResponse;
import io.patternhub.support.privacy.PiiRedactor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Answers with a language model that may use only the retrieved passages. The model must reply
 * with one JSON object, {@code {"abstain": bool, "answer": "...", "citations": [passage numbers],
 * "reason": "..."}}; an answer without valid citations, an abstention, or an unreadable reply all
 * become escalations. The model never sees more than the passages and the redacted customer message
 * (the {@link ChatModel} redacts personal data). Thread-safe.
 */
public final class LlmAnswerer implements Answerer {
    static final String SYSTEM_PROMPT = """
            You answer customer questions for a shop that sells digital sewing, knitting and crochet patterns.
            Use ONLY the numbered documentation passages you are given. Do not use any other knowledge.
            If the passages do not clearly answer the question, abstain: a wrong answer is worse than handing
            the question to a person. Never promise refunds, exchanges or account changes.
            Reply with exactly one JSON object and nothing else:
            {"abstain": false, "answer": "<a short, friendly answer>", "citations": [<numbers of the passages used>], "reason": ""}
            or, when you cannot answer from the passages:
            {"abstain": true, "answer": "", "citations": [], "reason": "<what is missing>"}""";

    private final Retriever retriever;
    private final ChatModel model;
    private final int passages;
    private final double minCoverage;
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    // Also redacted here, not only in the client: a third-party ChatModel may not redact.
    private final PiiRedactor redactor = PiiRedactor.defaults();

    private LlmAnswerer(Builder b) {
        this.retriever = b.retriever;
        this.model = b.model;
        this.passages = b.passages;
        this.minCoverage = b.minCoverage;
    }

    public static Builder builder(Retriever retriever, ChatModel model) {
        return new Builder(retriever, model);
    }

    @Override
    public Answer answer(Inquiry inquiry) {
        List<ScoredPassage> found = retriever.retrieve(inquiry.text(), passages);
        if (found.isEmpty() || found.get(0).queryCoverage() < minCoverage) {
            // Nothing worth showing the model: do not spend a call on a guess.
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.NOT_IN_DOCUMENTATION,
                    "no passage matched the question well enough to ask the model", found));
        }
        ChatResponse reply = model.chat(ChatRequest.builder()
                .system(SYSTEM_PROMPT)
                .user(prompt(found, inquiry))
                .jsonOutput(true)
                .maxTokens(700)
                .build());
        JsonNode json = parse(reply.text());
        if (json == null) {
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.ANSWERER_FAILED,
                    "the model's reply was not the JSON asked for", found));
        }
        if (json.path("abstain").asBoolean(false)) {
            String reason = json.path("reason").asText("");
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.NOT_IN_DOCUMENTATION,
                    "the model abstained" + (reason.isBlank() ? "" : ": " + reason), found));
        }
        String text = json.path("answer").asText("").strip();
        Set<Citation> citations = new LinkedHashSet<>();
        boolean invalidCitation = false;
        for (JsonNode n : json.path("citations")) {
            int i = n.asInt(-1);
            if (i >= 1 && i <= found.size()) {
                citations.add(found.get(i - 1).passage().citation());
            } else {
                invalidCitation = true;
            }
        }
        if (text.isEmpty() || citations.isEmpty() || invalidCitation) {
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.ANSWERER_FAILED,
                    text.isEmpty() ? "the model gave an empty answer"
                            : "the model's answer did not cite the given passages correctly", found));
        }
        String withSources = text + "\n\n" + (citations.size() == 1 ? "Source: " : "Sources: ")
                + String.join("; ", citations.stream().map(Citation::label).toList());
        return Answer.answered(withSources, new ArrayList<>(citations));
    }

    private String prompt(List<ScoredPassage> found, Inquiry inquiry) {
        StringBuilder sb = new StringBuilder("Documentation passages:\n");
        for (int i = 0; i < found.size(); i++) {
            sb.append("\n[").append(i + 1).append("] ").append(found.get(i).passage().citation().label()).append('\n')
                    .append(found.get(i).passage().text()).append('\n');
        }
        sb.append("\nCustomer message:\n").append(redactor.redact(inquiry.text()));
        return sb.toString();
    }

    /** The JSON object in a reply, tolerating code fences or words around it; null when there is none. */
    private JsonNode parse(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(reply.substring(start, end + 1));
            return node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Builds an {@link LlmAnswerer}. */
    public static final class Builder {
        private final Retriever retriever;
        private final ChatModel model;
        private int passages = 6;
        private double minCoverage = 0.25;

        private Builder(Retriever retriever, ChatModel model) {
            this.retriever = Objects.requireNonNull(retriever, "retriever");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** How many passages the model sees (default 6). */
        public Builder passages(int passages) {
            if (passages < 1) {
                throw new InvalidRequestException("passages must be at least 1", ErrorContext.empty());
            }
            this.passages = passages;
            return this;
        }

        /** Below this coverage of the question by the best passage, escalate without calling the model (default 0.25). */
        public Builder minCoverage(double minCoverage) {
            if (minCoverage < 0 || minCoverage > 1) {
                throw new InvalidRequestException("minCoverage must be within [0, 1]", ErrorContext.empty());
            }
            this.minCoverage = minCoverage;
            return this;
        }

        public LlmAnswerer build() {
            return new LlmAnswerer(this);
        }
    }

    @Override
    public String toString() {
        return "LlmAnswerer[" + model.describe().toLowerCase(Locale.ROOT) + "]";
    }
}
