package io.patternhub.hub.insights;

/** What a trend is measured over. */
public enum TrendDimension {
    /** A tag of the pattern. */
    TAG,
    /** A style word (see {@link InsightsSettings#styleWords()}) in the title or tags. */
    STYLE,
    /** The pattern's craft. */
    CRAFT,
    /** A colour word (see {@link InsightsSettings#colourWords()}) in the title or tags. */
    COLOUR,
    /** Everything sold on one platform. */
    PLATFORM
}
