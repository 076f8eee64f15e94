package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import java.util.Optional;

/**
 * How fast a pattern sells on one platform (or on all of them when {@code platform} is empty).
 *
 * @param sku                   the pattern
 * @param title                 its title, or the SKU when the catalog does not know it
 * @param platform              the platform, empty for all platforms together
 * @param totalUnits            units sold in the report window
 * @param unitsPerDay           mean units per day over the velocity window (the last days of the report)
 * @param revenuePerDay         mean revenue per day over the velocity window, in the report currency
 * @param smoothedUnitsPerDay   exponentially weighted moving average of daily units on the last day
 * @param smoothedRevenuePerDay exponentially weighted moving average of daily revenue on the last day
 * @param accelerationPerWeek   change of the smoothed units per day over the last 7 days (units/day per week)
 */
public record Velocity(String sku, String title, Optional<Platform> platform, long totalUnits, double unitsPerDay,
                       double revenuePerDay, double smoothedUnitsPerDay, double smoothedRevenuePerDay,
                       double accelerationPerWeek) {

    /** The platform's name, or {@code "all"}. */
    public String platformLabel() {
        return platform.map(Platform::displayName).orElse("all");
    }
}
