package io.patternhub.hub.insights;

/** What a recommendation suggests. */
public enum RecommendationKind {
    /** Sales on the platform are rising and the margin per order covers the cost per acquisition. */
    RAISE_AD_SPEND,
    /** The cost per acquisition eats the margin per order (or ads bought no orders). */
    REVIEW_AD_SPEND,
    /** A pattern has held strong weekly sales for weeks: a sequel or companion pattern may sell. */
    CONSIDER_SEQUEL,
    /** A pattern's sales collapsed after a file update: check the new files. */
    CHECK_FILE_UPDATE,
    /** A style, tag or colour is rising across the shop: more patterns in it may sell. */
    RIDE_TREND
}
