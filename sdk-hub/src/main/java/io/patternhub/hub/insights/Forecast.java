package io.patternhub.hub.insights;

import java.util.List;
import java.util.Optional;

/**
 * A forecast of weekly units for one pattern or for the whole shop.
 *
 * <p>Method: additive Holt-Winters with a damped trend on daily units, season length 7 (weekday
 * pattern), smoothing parameters chosen by least one-step squared error on a grid. Additive because
 * a single pattern often sells zero on a day, which a multiplicative season cannot take. The interval
 * comes from simulating future days with the model's own one-step errors drawn back at random
 * (bootstrap), summing each path into weeks and taking quantiles; values are clipped at zero.
 *
 * @param subject       the pattern's title, or "all patterns"
 * @param sku           the pattern, empty for the whole shop
 * @param method        the fitted method and its parameters
 * @param intervalLevel coverage of the interval, e.g. 0.8
 * @param history       the last actual weeks
 * @param weeks         the forecast weeks with their intervals
 * @param accuracy      accuracy on held-back weeks, when the history was long enough to hold some back
 */
public record Forecast(String subject, Optional<String> sku, String method, double intervalLevel,
                       List<WeekValue> history, List<WeekValue> weeks, Optional<ForecastAccuracy> accuracy) {
    public Forecast {
        history = List.copyOf(history);
        weeks = List.copyOf(weeks);
    }
}
