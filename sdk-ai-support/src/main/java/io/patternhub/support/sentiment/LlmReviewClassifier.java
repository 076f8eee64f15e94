package io.patternhub.support.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.support.llm.ChatModel;
import io.patternhub.support.llm.ChatRequest;
import io.patternhub.support.privacy.PiiRedactor;
import java.util.Locale;
import java.util.Objects;

/**
 * Review classification by a language model, asked for {@code {"sentiment": ..., "reason": ...}}.
 * The review is redacted by the {@link ChatModel} before it is sent. When the model's reply cannot be
 * read, the fallback classifier decides (and its result says so); transport failures are thrown.
 * Thread-safe.
 */
public final class LlmReviewClassifier implements ReviewClassifier {
    private static final String SYSTEM = """
            You classify reviews of digital sewing, knitting and crochet patterns for the seller's insights.
            Reply with exactly one JSON object: {"sentiment": "positive" | "neutral" | "negative", "reason": "<at most 12 words on why>"}.
            The reason names what the buyer liked or disliked (instructions, fit, sizing, files, download, support).""";

    private final ChatModel model;
    private final ReviewClassifier fallback;
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    // Also redacted here, not only in the client: a third-party ChatModel may not redact.
    private final PiiRedactor redactor = PiiRedactor.defaults();

    public LlmReviewClassifier(ChatModel model, ReviewClassifier fallback) {
        this.model = Objects.requireNonNull(model, "model");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public SentimentResult classify(Review review) {
        String prompt = (review.stars().isPresent() ? "Rating: " + review.stars().getAsInt() + " of 5\n" : "")
                + "Review:\n" + redactor.redact(review.text());
        String reply = model.chat(ChatRequest.builder().system(SYSTEM).user(prompt).jsonOutput(true).maxTokens(120).build()).text();
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                JsonNode json = mapper.readTree(reply.substring(start, end + 1));
                Sentiment s = Sentiment.valueOf(json.path("sentiment").asText("").strip().toUpperCase(Locale.ROOT));
                String reason = json.path("reason").asText("").strip();
                return new SentimentResult(s, reason.isEmpty() ? "no reason given" : reason, "llm");
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // fall through to the lexicon
            }
        }
        SentimentResult r = fallback.classify(review);
        return new SentimentResult(r.sentiment(), r.reason() + " (model reply unusable; lexicon used)", r.classifier());
    }
}
