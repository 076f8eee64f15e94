package io.patternhub.hub.insights;

import io.patternhub.hub.insights.internal.ReportWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Everything insights computed for one window. Immutable; {@link #writeTo(Path)} renders it as an HTML
 * page with PNG charts and CSV files.
 *
 * @param from            first day analysed
 * @param to              last day analysed
 * @param currency        the currency of every amount
 * @param velocities      per pattern and platform, all-platform rows first, fastest first
 * @param velocitySeries  smoothed daily units of the fastest patterns
 * @param trends          every item tested, rising first
 * @param forecasts       the whole shop first, then each pattern with enough history
 * @param platforms       sales, fees and advertising per platform
 * @param recommendations suggestions with their reason
 * @param sentiments      review verdicts per pattern, where given
 * @param notes           what the reader should know: uncounted orders, too short a history
 */
public record InsightsReport(LocalDate from, LocalDate to, Currency currency, List<Velocity> velocities,
                             List<VelocitySeries> velocitySeries, List<Trend> trends, List<Forecast> forecasts,
                             List<PlatformSummary> platforms, List<Recommendation> recommendations,
                             List<SentimentSummary> sentiments, List<String> notes) {

    public InsightsReport {
        velocities = List.copyOf(velocities);
        velocitySeries = List.copyOf(velocitySeries);
        trends = List.copyOf(trends);
        forecasts = List.copyOf(forecasts);
        platforms = List.copyOf(platforms);
        recommendations = List.copyOf(recommendations);
        sentiments = List.copyOf(sentiments);
        notes = List.copyOf(notes);
    }

    /** Rising trends only. */
    public List<Trend> risingTrends() {
        return trends.stream().filter(Trend::isRising).toList();
    }

    /**
     * One trend row.
     *
     * @param dimension what the item is
     * @param key       the tag, word, craft or platform name (lower case for words)
     * @param platform  the platform, or empty for all platforms
     * @return the row, if the item sold in the trend windows
     */
    public Optional<Trend> trend(TrendDimension dimension, String key, Optional<io.patternhub.core.Platform> platform) {
        return trends.stream().filter(t -> t.dimension() == dimension && t.key().equals(key) && t.platform().equals(platform))
                .findFirst();
    }

    /** The forecast of the whole shop, when the history was long enough. */
    public Optional<Forecast> shopForecast() {
        return forecasts.stream().filter(f -> f.sku().isEmpty()).findFirst();
    }

    /**
     * The forecast of one pattern.
     *
     * @param sku the pattern
     * @return its forecast, when it had enough history
     */
    public Optional<Forecast> forecast(String sku) {
        return forecasts.stream().filter(f -> f.sku().equals(Optional.of(sku))).findFirst();
    }

    /**
     * The summary of one platform.
     *
     * @param platform the platform
     * @return its summary, when it had sales or spend
     */
    public Optional<PlatformSummary> platform(io.patternhub.core.Platform platform) {
        return platforms.stream().filter(p -> p.platform() == platform).findFirst();
    }

    /**
     * Writes {@code index.html}, the chart PNGs and the CSV files into a directory, creating it if needed.
     * Charts are drawn headless.
     *
     * @param directory where to write
     * @return the files written
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public ReportFiles writeTo(Path directory) {
        return new ReportWriter(this).write(directory);
    }
}
