package io.patternhub.hub.insights;

import java.time.LocalDate;
import java.util.List;

/**
 * The smoothed daily units of one pattern over all platforms, day by day from {@code start}; drawn in the
 * velocity chart.
 *
 * @param sku                 the pattern
 * @param title               its title
 * @param start               the first day
 * @param smoothedUnitsPerDay one value per day
 */
public record VelocitySeries(String sku, String title, LocalDate start, List<Double> smoothedUnitsPerDay) {
    public VelocitySeries {
        smoothedUnitsPerDay = List.copyOf(smoothedUnitsPerDay);
    }
}
