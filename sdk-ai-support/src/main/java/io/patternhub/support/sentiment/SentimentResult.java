package io.patternhub.support.sentiment;

import java.util.Objects;

/**
 * A classified review.
 *
 * @param sentiment the class
 * @param reason why, in a few words ("instructions confusing; pieces did not match")
 * @param classifier which classifier decided: {@code lexicon} or {@code llm}
 */
public record SentimentResult(Sentiment sentiment, String reason, String classifier) {
    public SentimentResult {
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(classifier, "classifier");
    }
}
