package io.patternhub.hub.insights.internal;

import io.patternhub.hub.insights.Forecast;
import io.patternhub.hub.insights.ForecastAccuracy;
import io.patternhub.hub.insights.InsightsSettings;
import io.patternhub.hub.insights.WeekValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Weekly forecasts from daily series with {@link HoltWinters}, their intervals and held-back accuracy. */
public final class Forecaster {
    /** Weekday season. */
    public static final int SEASON = 7;
    private static final int HISTORY_WEEKS = 16;

    private final InsightsSettings settings;

    public Forecaster(InsightsSettings settings) {
        this.settings = settings;
    }

    /** Whether a series of this many days can be forecast at all. */
    public static boolean canForecast(int days) {
        return days >= HoltWinters.minimumLength(SEASON);
    }

    /**
     * Forecasts a daily series that ends on {@code lastDay}.
     *
     * @param subject what is forecast
     * @param sku     the pattern, empty for the whole shop
     * @param daily   units per day
     * @param lastDay the day of the last value
     * @return the forecast
     */
    public Forecast forecast(String subject, Optional<String> sku, double[] daily, LocalDate lastDay) {
        HoltWinters model = HoltWinters.fit(daily, SEASON);
        int horizon = 7 * settings.forecastWeeks();
        double[] point = model.forecast(horizon);
        // Each subject gets its own stream, so adding a pattern does not change another's interval.
        SplittableRandom random = new SplittableRandom(settings.simulationSeed() ^ subject.hashCode());
        double[][] paths = model.simulate(horizon, settings.simulationPaths(), random);
        double tail = (1 - settings.intervalLevel()) / 2;
        List<WeekValue> weeks = new ArrayList<>();
        for (int w = 0; w < settings.forecastWeeks(); w++) {
            double mean = 0;
            for (int d = 0; d < 7; d++) {
                mean += Math.max(0, point[7 * w + d]);
            }
            double[] sums = new double[paths.length];
            for (int k = 0; k < paths.length; k++) {
                for (int d = 0; d < 7; d++) {
                    sums[k] += paths[k][7 * w + d];
                }
            }
            Arrays.sort(sums);
            weeks.add(new WeekValue(lastDay.plusDays(1 + 7L * w), mean, quantile(sums, tail), quantile(sums, 1 - tail)));
        }
        return new Forecast(subject, sku, model.describe(), settings.intervalLevel(), history(daily, lastDay), weeks,
                accuracy(daily));
    }

    private static List<WeekValue> history(double[] daily, LocalDate lastDay) {
        List<WeekValue> out = new ArrayList<>();
        int weeks = Math.min(HISTORY_WEEKS, daily.length / 7);
        for (int w = weeks; w >= 1; w--) {
            int end = daily.length - 7 * (w - 1);
            double sum = 0;
            for (int i = end - 7; i < end; i++) {
                sum += daily[i];
            }
            out.add(WeekValue.actual(lastDay.minusDays(7L * w - 1), sum));
        }
        return out;
    }

    /**
     * Fits on all but the last held-back weeks and compares the forecast of those weeks with the naive
     * seasonal forecast (the last week seen, repeated).
     */
    Optional<ForecastAccuracy> accuracy(double[] daily) {
        int holdout = 7 * settings.holdoutWeeks();
        int trainLength = daily.length - holdout;
        if (!canForecast(trainLength)) {
            return Optional.empty();
        }
        double[] train = Arrays.copyOf(daily, trainLength);
        double[] predicted = HoltWinters.fit(train, SEASON).forecast(holdout);
        double modelError = 0;
        double naiveError = 0;
        for (int h = 0; h < holdout; h++) {
            double actual = daily[trainLength + h];
            double naive = train[trainLength - SEASON + (h % SEASON)];
            modelError += Math.abs(actual - Math.max(0, predicted[h]));
            naiveError += Math.abs(actual - naive);
        }
        double inSample = 0;
        for (int t = SEASON; t < trainLength; t++) {
            inSample += Math.abs(train[t] - train[t - SEASON]);
        }
        inSample /= trainLength - SEASON;
        double modelMae = modelError / holdout;
        double naiveMae = naiveError / holdout;
        double ratio = naiveMae > 0 ? modelMae / naiveMae : (modelMae == 0 ? 1 : Double.POSITIVE_INFINITY);
        double mase = inSample > 0 ? modelMae / inSample : Double.NaN;
        return Optional.of(new ForecastAccuracy(holdout, modelMae, naiveMae, ratio, mase));
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
