package io.patternhub.support.sentiment;

/** How a review feels about the pattern or the shop. */
public enum Sentiment { POSITIVE, NEUTRAL, NEGATIVE }
