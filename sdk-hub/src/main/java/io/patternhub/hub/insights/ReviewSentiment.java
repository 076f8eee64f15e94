package io.patternhub.hub.insights;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.time.LocalDate;
import org.immutables.value.Value;

/**
 * The sentiment of one review of a pattern. The hub can fill these from the AI support module's
 * classifier; insights only needs the verdict and the day.
 */
@Value.Immutable
@PatternHubStyle
public interface ReviewSentiment {

    String sku();

    Sentiment sentiment();

    /** The day the review was written. */
    LocalDate date();

    @Value.Check
    default void check() {
        if (sku().isBlank()) {
            throw new InvalidModelException("ReviewSentiment", "sku", "must not be blank");
        }
    }

    static ImmutableReviewSentiment.Builder builder() {
        return ImmutableReviewSentiment.builder();
    }

    /**
     * One review's verdict.
     *
     * @param sku       the pattern reviewed
     * @param sentiment the verdict
     * @param date      the day it was written
     * @return the review sentiment
     */
    static ReviewSentiment of(String sku, Sentiment sentiment, LocalDate date) {
        return builder().sku(sku).sentiment(sentiment).date(date).build();
    }
}
