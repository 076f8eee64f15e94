package io.patternhub.hub.insights.internal;

import io.patternhub.core.Platform;
import io.patternhub.hub.insights.InsightsSettings;
import io.patternhub.hub.insights.Velocity;
import io.patternhub.hub.insights.VelocitySeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Velocity per pattern and platform: plain and EWMA-smoothed rates and their acceleration. */
public final class VelocityAnalyzer {
    private final InsightsSettings settings;

    public VelocityAnalyzer(InsightsSettings settings) {
        this.settings = settings;
    }

    /** Every pattern on every platform it sold on, and on all platforms together; fastest first. */
    public List<Velocity> velocities(SalesHistory history) {
        List<Velocity> out = new ArrayList<>();
        for (String sku : history.skus()) {
            String title = history.title(sku);
            out.add(velocity(sku, title, Optional.empty(), history.totalUnits(sku), history.totalRevenue(sku)));
            for (Map.Entry<Platform, double[]> e : history.units(sku).entrySet()) {
                out.add(velocity(sku, title, Optional.of(e.getKey()), e.getValue(), history.revenue(sku).get(e.getKey())));
            }
        }
        out.sort(Comparator.comparing((Velocity v) -> v.platform().isPresent())
                .thenComparing(Comparator.comparingDouble(Velocity::smoothedUnitsPerDay).reversed())
                .thenComparing(Velocity::sku));
        return out;
    }

    /** The smoothed series of the fastest patterns, for the chart. */
    public List<VelocitySeries> topSeries(SalesHistory history, List<Velocity> velocities) {
        return velocities.stream().filter(v -> v.platform().isEmpty()).limit(settings.chartTopPatterns())
                .map(v -> new VelocitySeries(v.sku(), v.title(), history.from(),
                        Arrays.stream(ewma(history.totalUnits(v.sku()))).boxed().toList()))
                .toList();
    }

    Velocity velocity(String sku, String title, Optional<Platform> platform, double[] units, double[] revenue) {
        double[] smoothUnits = ewma(units);
        double[] smoothRevenue = ewma(revenue);
        int n = units.length;
        int window = Math.min(settings.velocityWindowDays(), n);
        long total = Math.round(Arrays.stream(units).sum());
        double accel = smoothUnits[n - 1] - smoothUnits[Math.max(0, n - 8)];
        return new Velocity(sku, title, platform, total, mean(units, n - window, n), mean(revenue, n - window, n),
                smoothUnits[n - 1], smoothRevenue[n - 1], accel);
    }

    /** EWMA started at the mean of the first week, so the first days are not pulled towards zero. */
    public double[] ewma(double[] x) {
        double a = settings.ewmaAlpha();
        double[] out = new double[x.length];
        double s = mean(x, 0, Math.min(7, x.length));
        for (int i = 0; i < x.length; i++) {
            s = a * x[i] + (1 - a) * s;
            out[i] = s;
        }
        return out;
    }

    static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return to > from ? sum / (to - from) : 0;
    }
}
