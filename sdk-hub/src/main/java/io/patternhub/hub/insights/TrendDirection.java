package io.patternhub.hub.insights;

/** The verdict on an item's recent sales against its own baseline. */
public enum TrendDirection {
    /** Significantly and materially above the baseline. */
    RISING,
    /** Significantly and materially below the baseline. */
    FALLING,
    /** Neither: no change, too few sales, or a change within the noise. */
    STEADY
}
