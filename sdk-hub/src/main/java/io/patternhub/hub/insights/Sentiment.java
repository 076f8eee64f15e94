package io.patternhub.hub.insights;

/** The tone of one review, as a classifier (or the seller) judged it. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE
}
