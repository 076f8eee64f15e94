package io.patternhub.hub.insights;

import io.patternhub.hub.insights.internal.AdAnalyzer;
import io.patternhub.hub.insights.internal.Advisor;
import io.patternhub.hub.insights.internal.Forecaster;
import io.patternhub.hub.insights.internal.SalesHistory;
import io.patternhub.hub.insights.internal.TrendAnalyzer;
import io.patternhub.hub.insights.internal.VelocityAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes an {@link InsightsReport} from an {@link InsightsInput}. Stateless and thread-safe: one engine
 * can analyse many inputs at once.
 *
 * <pre>{@code
 * InsightsEngine engine = InsightsEngine.builder()
 *         .settings(InsightsSettings.builder().forecastWeeks(12).build())
 *         .build();
 * InsightsReport report = engine.analyze(input);
 * }</pre>
 */
public final class InsightsEngine {
    private final InsightsSettings settings;

    private InsightsEngine(Builder builder) {
        this.settings = builder.settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InsightsSettings settings() {
        return settings;
    }

    /**
     * Analyses one input.
     *
     * @param input orders, catalog, ad spend, file updates, reviews
     * @return the report
     * @throws io.patternhub.core.model.InvalidModelException  if no paid order falls in the window
     * @throws io.patternhub.core.error.ConfigurationException if an amount is in a currency without a rate
     */
    public InsightsReport analyze(InsightsInput input) {
        Objects.requireNonNull(input, "input");
        SalesHistory history = SalesHistory.of(input, settings);
        List<String> notes = new ArrayList<>();
        VelocityAnalyzer velocityAnalyzer = new VelocityAnalyzer(settings);
        List<Velocity> velocities = velocityAnalyzer.velocities(history);
        TrendAnalyzer trendAnalyzer = new TrendAnalyzer(settings);
        List<Trend> trends = trendAnalyzer.trends(history);
        if (trends.isEmpty()) {
            notes.add("No trends: the window needs at least " + (settings.trendRecentWeeks() + 2)
                    + " weeks (recent weeks plus two baseline weeks), it has " + history.days() + " days.");
        }
        List<Forecast> forecasts = forecasts(history, notes);
        List<PlatformSummary> platforms = AdAnalyzer.summaries(history, input);
        List<Recommendation> recommendations = new Advisor(settings)
                .advise(history, input, platforms, trends, velocityAnalyzer);
        if (history.uncountedOrders() > 0) {
            notes.add(history.uncountedOrders() + " pending, cancelled or refunded orders in the window were not counted.");
        }
        if (history.skus().contains(SalesHistory.UNKNOWN_SKU)) {
            notes.add("Some order lines carry no SKU; they count in platform totals under '" + SalesHistory.UNKNOWN_SKU + "'.");
        }
        history.skus().stream().filter(s -> !s.equals(SalesHistory.UNKNOWN_SKU) && !history.patterns().containsKey(s))
                .forEach(s -> notes.add("SKU " + s + " sold but is not in the catalog; it has no tags or craft for trends."));
        return new InsightsReport(history.from(), history.to(), history.currency(), velocities,
                velocityAnalyzer.topSeries(history, velocities), trends, forecasts, platforms, recommendations,
                sentiments(input, history), notes);
    }

    private List<Forecast> forecasts(SalesHistory history, List<String> notes) {
        List<Forecast> out = new ArrayList<>();
        if (!Forecaster.canForecast(history.days())) {
            notes.add("No forecast: it needs at least 3 weeks of history, the window has " + history.days() + " days.");
            return out;
        }
        Forecaster forecaster = new Forecaster(settings);
        out.add(forecaster.forecast("all patterns", Optional.empty(), history.shopUnits(), history.to()));
        for (String sku : history.skus()) {
            if (!sku.equals(SalesHistory.UNKNOWN_SKU)) {
                out.add(forecaster.forecast(history.title(sku), Optional.of(sku), history.totalUnits(sku), history.to()));
            }
        }
        return out;
    }

    private static List<SentimentSummary> sentiments(InsightsInput input, SalesHistory history) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ReviewSentiment r : input.reviews()) {
            counts.computeIfAbsent(r.sku(), s -> new long[3])[r.sentiment().ordinal()]++;
        }
        List<SentimentSummary> out = new ArrayList<>();
        counts.forEach((sku, c) -> out.add(new SentimentSummary(sku, history.title(sku),
                c[Sentiment.POSITIVE.ordinal()], c[Sentiment.NEUTRAL.ordinal()], c[Sentiment.NEGATIVE.ordinal()])));
        return out;
    }

    /** Builds an {@link InsightsEngine}. */
    public static final class Builder {
        private InsightsSettings settings = InsightsSettings.defaults();

        private Builder() {
        }

        /**
         * How to compute; {@link InsightsSettings#defaults()} when not set.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(InsightsSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public InsightsEngine build() {
            return new InsightsEngine(this);
        }
    }
}
