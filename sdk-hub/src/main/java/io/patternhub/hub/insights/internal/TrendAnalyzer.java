package io.patternhub.hub.insights.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Pattern;
import io.patternhub.hub.insights.InsightsSettings;
import io.patternhub.hub.insights.Trend;
import io.patternhub.hub.insights.TrendDimension;
import io.patternhub.hub.insights.TrendDirection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trends: each item's units in the recent weeks against its own baseline weeks just before, with a
 * dispersion-adjusted Poisson rate test, a Bonferroni split of the significance level over all items
 * tested, a minimum growth and a minimum count. Windows are whole weeks, so the weekday pattern cancels.
 */
public final class TrendAnalyzer {
    private final InsightsSettings settings;

    public TrendAnalyzer(InsightsSettings settings) {
        this.settings = settings;
    }

    /** Whole baseline weeks available before the recent window; fewer than 2 means no trends. */
    public int baselineWeeks(SalesHistory history) {
        int recentStart = history.days() - 7 * settings.trendRecentWeeks();
        return Math.max(0, Math.min(settings.trendBaselineWeeks(), recentStart / 7));
    }

    /** Every item tested, rising first, then by growth. Empty when the history is too short. */
    public List<Trend> trends(SalesHistory history) {
        int baselineWeeks = baselineWeeks(history);
        if (baselineWeeks < 2) {
            return List.of();
        }
        Map<ItemKey, double[]> items = items(history);
        int n = history.days();
        int recentStart = n - 7 * settings.trendRecentWeeks();
        int baselineStart = recentStart - 7 * baselineWeeks;
        List<Counts> counts = new ArrayList<>();
        for (Map.Entry<ItemKey, double[]> e : items.entrySet()) {
            double[] s = e.getValue();
            long k1 = Math.round(sum(s, recentStart, n));
            long k0 = Math.round(sum(s, baselineStart, recentStart));
            if (k0 + k1 == 0) {
                continue;
            }
            long[] weekly = new long[baselineWeeks];
            for (int w = 0; w < baselineWeeks; w++) {
                weekly[w] = Math.round(sum(s, baselineStart + 7 * w, baselineStart + 7 * w + 7));
            }
            counts.add(new Counts(e.getKey(), k0, k1, Stats.dispersion(weekly)));
        }
        double threshold = settings.significance() / Math.max(1, counts.size());
        double t1 = settings.trendRecentWeeks();
        double t0 = baselineWeeks;
        List<Trend> out = new ArrayList<>();
        for (Counts c : counts) {
            Stats.RateTest test = Stats.rateTest(c.k1, t1, c.k0, t0, c.dispersion);
            TrendDirection direction = TrendDirection.STEADY;
            if (test.p() < threshold) {
                if (test.ratio() >= settings.trendMinGrowth() && c.k1 >= settings.trendMinCount()) {
                    direction = TrendDirection.RISING;
                } else if (test.ratio() <= 1 / settings.trendMinGrowth() && c.k0 * t1 / t0 >= settings.trendMinCount()) {
                    direction = TrendDirection.FALLING;
                }
            }
            out.add(new Trend(c.key.dimension, c.key.key, c.key.platform, c.k0, c.k1, c.k0 / t0, c.k1 / t1,
                    test.ratio(), c.dispersion, test.p(), direction));
        }
        out.sort(Comparator.comparing((Trend t) -> t.direction() != TrendDirection.RISING)
                .thenComparing(Comparator.comparingDouble(Trend::growth).reversed())
                .thenComparing(Trend::key));
        return out;
    }

    private Map<ItemKey, double[]> items(SalesHistory history) {
        Map<ItemKey, double[]> items = new LinkedHashMap<>();
        for (String sku : history.skus()) {
            Pattern p = history.patterns().get(sku);
            if (p == null) {
                continue;
            }
            Set<String> words = SalesHistory.words(p);
            List<ItemKey> keys = new ArrayList<>();
            Set<String> tags = new TreeSet<>();
            p.tags().forEach(t -> tags.add(t.toLowerCase(Locale.ROOT).trim()));
            tags.forEach(t -> keys.add(new ItemKey(TrendDimension.TAG, t, Optional.empty())));
            settings.styleWords().stream().filter(words::contains)
                    .forEach(w -> keys.add(new ItemKey(TrendDimension.STYLE, w, Optional.empty())));
            settings.colourWords().stream().filter(words::contains)
                    .forEach(w -> keys.add(new ItemKey(TrendDimension.COLOUR, w, Optional.empty())));
            keys.add(new ItemKey(TrendDimension.CRAFT, p.craft().name().toLowerCase(Locale.ROOT), Optional.empty()));
            for (ItemKey key : keys) {
                add(items, key, history.totalUnits(sku), history.days());
                for (Map.Entry<Platform, double[]> e : history.units(sku).entrySet()) {
                    add(items, new ItemKey(key.dimension, key.key, Optional.of(e.getKey())), e.getValue(), history.days());
                }
            }
        }
        for (Platform platform : history.platforms()) {
            add(items, new ItemKey(TrendDimension.PLATFORM, platform.displayName(), Optional.of(platform)),
                    history.platformUnits(platform), history.days());
        }
        return items;
    }

    private static void add(Map<ItemKey, double[]> items, ItemKey key, double[] series, int days) {
        double[] into = items.computeIfAbsent(key, k -> new double[days]);
        for (int i = 0; i < days; i++) {
            into[i] += series[i];
        }
    }

    private static double sum(double[] s, int from, int to) {
        double total = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            total += s[i];
        }
        return total;
    }

    private record ItemKey(TrendDimension dimension, String key, Optional<Platform> platform) {
    }

    private record Counts(ItemKey key, long k0, long k1, double dispersion) {
    }
}
