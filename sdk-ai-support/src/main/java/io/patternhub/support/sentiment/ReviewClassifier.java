package io.patternhub.support.sentiment;

import io.patternhub.support.llm.ChatModel;
import java.util.Optional;

/** Classifies marketplace reviews for insights. Implementations are thread-safe. */
public interface ReviewClassifier {

    SentimentResult classify(Review review);

    /** The LLM classifier when a model is configured, the lexicon otherwise. */
    static ReviewClassifier create(Optional<ChatModel> model) {
        LexiconReviewClassifier lexicon = new LexiconReviewClassifier();
        return model.<ReviewClassifier>map(m -> new LlmReviewClassifier(m, lexicon)).orElse(lexicon);
    }
}
