package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import java.util.Optional;

/**
 * Recent sales of one item (a tag, style, craft, colour word or platform) against its own baseline.
 *
 * <p>The test compares the two Poisson rates on the log scale (a Wald test on the log rate ratio with
 * half-unit continuity correction), with the variance inflated by the item's own week-to-week
 * over-dispersion in the baseline, so an item that always sells in bursts needs a bigger change. The
 * p-value is two-sided; an item is a trend only if the p-value is below the significance level divided
 * by the number of items tested, the growth clears the minimum, and there are enough units.
 *
 * @param dimension       what the item is
 * @param key             the tag, word, craft or platform name
 * @param platform        the platform the sales were counted on, empty for all platforms
 * @param baselineUnits   units in the baseline window
 * @param recentUnits     units in the recent window
 * @param baselinePerWeek baseline rate, units per week
 * @param recentPerWeek   recent rate, units per week
 * @param growth          recent rate over baseline rate (with half-unit correction, so never infinite)
 * @param dispersion      variance over mean of the baseline's weekly counts, at least 1
 * @param pValue          two-sided p-value of "the rate did not change"
 * @param direction       the verdict
 */
public record Trend(TrendDimension dimension, String key, Optional<Platform> platform, long baselineUnits,
                    long recentUnits, double baselinePerWeek, double recentPerWeek, double growth,
                    double dispersion, double pValue, TrendDirection direction) {

    /** Whether this item is rising. */
    public boolean isRising() {
        return direction == TrendDirection.RISING;
    }

    /** The platform's name, or {@code "all"}. */
    public String platformLabel() {
        return platform.map(Platform::displayName).orElse("all");
    }
}
