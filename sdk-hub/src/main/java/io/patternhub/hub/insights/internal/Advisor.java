package io.patternhub.hub.insights.internal;

import io.patternhub.hub.insights.FileUpdate;
import io.patternhub.hub.insights.InsightsInput;
import io.patternhub.hub.insights.InsightsSettings;
import io.patternhub.hub.insights.PlatformSummary;
import io.patternhub.hub.insights.Recommendation;
import io.patternhub.hub.insights.RecommendationKind;
import io.patternhub.hub.insights.ReviewSentiment;
import io.patternhub.hub.insights.Sentiment;
import io.patternhub.hub.insights.Trend;
import io.patternhub.hub.insights.TrendDimension;
import io.patternhub.hub.insights.Velocity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the computed figures into recommendations, each with the numbers behind it. */
public final class Advisor {
    private static final int MAX_TREND_TIPS = 5;
    private final InsightsSettings settings;

    public Advisor(InsightsSettings settings) {
        this.settings = settings;
    }

    /**
     * All recommendations, in kind order.
     *
     * @param history    the sales
     * @param input      file updates and reviews
     * @param platforms  the per-platform summaries
     * @param trends     the trends
     * @param velocity   the velocity analyzer (for platform acceleration)
     * @return the recommendations
     */
    public List<Recommendation> advise(SalesHistory history, InsightsInput input, List<PlatformSummary> platforms,
                                       List<Trend> trends, VelocityAnalyzer velocity) {
        List<Recommendation> out = new ArrayList<>();
        adSpend(history, platforms, trends, velocity, out);
        sequels(history, out);
        collapses(history, input, out);
        trends.stream()
                .filter(t -> t.isRising() && t.platform().isEmpty() && t.dimension() != TrendDimension.PLATFORM)
                .limit(MAX_TREND_TIPS)
                .forEach(t -> out.add(new Recommendation(RecommendationKind.RIDE_TREND,
                        t.dimension().name().toLowerCase(Locale.ROOT) + " " + t.key(),
                        f("%s '%s' sells %.1f units/week over the last %d weeks against %.1f before (x%.2f, p=%.2g):"
                                + " more patterns in it may sell", t.dimension().name().toLowerCase(Locale.ROOT), t.key(),
                                t.recentPerWeek(), settings.trendRecentWeeks(), t.baselinePerWeek(), t.growth(), t.pValue()))));
        return out;
    }

    private void adSpend(SalesHistory history, List<PlatformSummary> platforms, List<Trend> trends,
                         VelocityAnalyzer velocity, List<Recommendation> out) {
        for (PlatformSummary s : platforms) {
            if (!s.adSpend().isPositive()) {
                continue;
            }
            String name = s.platform().displayName();
            if (s.cpa().isEmpty() || s.marginPerOrder().isEmpty()) {
                out.add(new Recommendation(RecommendationKind.REVIEW_AD_SPEND, name,
                        f("%s ad spend %s bought no order on the days it covered", name, s.adSpend())));
                continue;
            }
            var cpa = s.cpa().get();
            var margin = s.marginPerOrder().get();
            if (!margin.isGreaterThan(cpa)) {
                out.add(new Recommendation(RecommendationKind.REVIEW_AD_SPEND, name,
                        f("%s cost per acquisition %s is not covered by the margin per order %s (ROAS %s)",
                                name, cpa, margin, s.roas().map(Object::toString).orElse("n/a"))));
                continue;
            }
            Optional<Trend> trend = trends.stream()
                    .filter(t -> t.dimension() == TrendDimension.PLATFORM && t.platform().equals(Optional.of(s.platform())))
                    .findFirst();
            double[] units = history.platformUnits(s.platform());
            double[] smooth = velocity.ewma(units);
            double accel = smooth[smooth.length - 1] - smooth[Math.max(0, smooth.length - 8)];
            double growth = trend.map(Trend::growth).orElse(1.0);
            if (growth > 1 && accel > 0) {
                out.add(new Recommendation(RecommendationKind.RAISE_AD_SPEND, name,
                        f("%s velocity rises (x%.2f against its baseline, smoothed +%.2f units/day over the last week)"
                                + " and the margin per order %s covers the cost per acquisition %s (ROAS %s)",
                                name, growth, accel, margin, cpa, s.roas().map(Object::toString).orElse("n/a"))));
            }
        }
    }

    private void sequels(SalesHistory history, List<Recommendation> out) {
        int weeks = settings.sequelWeeks();
        if (history.days() < 7 * weeks) {
            return;
        }
        for (String sku : history.skus()) {
            if (sku.equals(SalesHistory.UNKNOWN_SKU)) {
                continue;
            }
            double[] units = history.totalUnits(sku);
            double min = Double.POSITIVE_INFINITY;
            double total = 0;
            for (int w = 0; w < weeks; w++) {
                int end = units.length - 7 * w;
                double week = 0;
                for (int i = end - 7; i < end; i++) {
                    week += units[i];
                }
                min = Math.min(min, week);
                total += week;
            }
            if (min >= settings.sequelUnitsPerWeek()) {
                out.add(new Recommendation(RecommendationKind.CONSIDER_SEQUEL, sku,
                        f("'%s' sold at least %.0f units every week for the last %d weeks (mean %.1f/week, threshold %.0f):"
                                + " a sequel or companion pattern may sell", history.title(sku), min, weeks,
                                total / weeks, settings.sequelUnitsPerWeek())));
            }
        }
    }

    private void collapses(SalesHistory history, InsightsInput input, List<Recommendation> out) {
        List<FileUpdate> inWindow = input.fileUpdates().stream()
                .filter(u -> !u.date().isBefore(history.from()) && !u.date().isAfter(history.to())).toList();
        double threshold = settings.significance() / Math.max(1, inWindow.size());
        for (FileUpdate update : inWindow) {
            double[] units = history.totalUnits(update.sku());
            int day = history.index(update.date());
            int w = settings.collapseWindowDays();
            int beforeStart = Math.max(0, day - w);
            int afterEnd = Math.min(history.days(), day + w);
            int beforeDays = day - beforeStart;
            int afterDays = afterEnd - day;
            if (beforeDays < 7 || afterDays < 7) {
                continue;
            }
            long k0 = Math.round(VelocityAnalyzer.mean(units, beforeStart, day) * beforeDays);
            long k1 = Math.round(VelocityAnalyzer.mean(units, day, afterEnd) * afterDays);
            long[] weekly = new long[beforeDays / 7];
            for (int i = 0; i < weekly.length; i++) {
                int weekEnd = day - 7 * (weekly.length - 1 - i);
                weekly[i] = Math.round(VelocityAnalyzer.mean(units, weekEnd - 7, weekEnd) * 7);
            }
            Stats.RateTest test = Stats.rateTest(k1, afterDays, k0, beforeDays, Stats.dispersion(weekly));
            double expected = (double) k0 * afterDays / beforeDays;
            if (test.ratio() <= settings.collapseRatio() && test.p() < threshold && expected >= settings.trendMinCount()) {
                List<ReviewSentiment> since = input.reviews().stream()
                        .filter(r -> r.sku().equals(update.sku()) && !r.date().isBefore(update.date())).toList();
                long negative = since.stream().filter(r -> r.sentiment() == Sentiment.NEGATIVE).count();
                String reviews = since.isEmpty() ? "" : f("; %d of %d reviews since are negative", negative, since.size());
                out.add(new Recommendation(RecommendationKind.CHECK_FILE_UPDATE, update.sku(),
                        f("'%s' sold %.2f units/day in the %d days before the file update of %s%s and %.2f/day in the %d"
                                + " days after (x%.2f, p=%.2g)%s: check the new files", history.title(update.sku()),
                                k0 / (double) beforeDays, beforeDays, update.date(),
                                update.version().map(v -> " (version " + v + ")").orElse(""),
                                k1 / (double) afterDays, afterDays, test.ratio(), test.p(), reviews)));
            }
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
