package io.patternhub.hub.insights;

import java.time.LocalDate;

/**
 * A weekly figure with its prediction interval; for actual sales the bounds equal the value.
 *
 * @param weekStart the first day of the 7-day week
 * @param value     units in the week (the point forecast for forecast weeks)
 * @param lower     lower bound of the prediction interval
 * @param upper     upper bound of the prediction interval
 */
public record WeekValue(LocalDate weekStart, double value, double lower, double upper) {

    /**
     * An actual week, without interval.
     *
     * @param weekStart first day
     * @param value     units sold
     * @return the week
     */
    public static WeekValue actual(LocalDate weekStart, double value) {
        return new WeekValue(weekStart, value, value, value);
    }
}
