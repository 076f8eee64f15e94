package io.patternhub.hub.insights.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Additive Holt-Winters with a damped trend:
 * <pre>
 * level    l(t) = a (y(t) - s(t-m)) + (1 - a)(l(t-1) + phi b(t-1))
 * trend    b(t) = b (l(t) - l(t-1)) + (1 - b) phi b(t-1)
 * season   s(t) = g (y(t) - l(t-1) - phi b(t-1)) + (1 - g) s(t-m)
 * forecast y(t+h) = l(t) + (phi + ... + phi^h) b(t) + s(t+h-m)
 * </pre>
 * Parameters are chosen on a grid by least one-step squared error. Immutable once fitted.
 */
public final class HoltWinters {
    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
    private static final double[] BETAS = {0.0, 0.01, 0.05, 0.1};
    private static final double[] GAMMAS = {0.01, 0.05, 0.1, 0.2, 0.3};
    private static final double[] PHIS = {0.9, 0.98};

    private final int m;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double phi;
    private final State end;
    private final double[] residuals;

    private HoltWinters(int m, double alpha, double beta, double gamma, double phi, State end, double[] residuals) {
        this.m = m;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.phi = phi;
        this.end = end;
        this.residuals = residuals;
    }

    /** The fewest observations {@link #fit} accepts for season length m: two seasons to start, one to learn. */
    public static int minimumLength(int m) {
        return 3 * m;
    }

    /**
     * Fits the model to a series.
     *
     * @param y the series, at least {@link #minimumLength(int)} long
     * @param m the season length
     * @return the fitted model
     */
    public static HoltWinters fit(double[] y, int m) {
        if (y.length < minimumLength(m)) {
            throw new IllegalArgumentException("need at least " + minimumLength(m) + " values, got " + y.length);
        }
        double best = Double.POSITIVE_INFINITY;
        double[] bestParams = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double g : GAMMAS) {
                    for (double p : PHIS) {
                        double sse = run(y, m, a, b, g, p, null).sse;
                        if (sse < best) {
                            best = sse;
                            bestParams = new double[] {a, b, g, p};
                        }
                    }
                }
            }
        }
        double[] res = new double[y.length - m];
        State end = run(y, m, bestParams[0], bestParams[1], bestParams[2], bestParams[3], res);
        return new HoltWinters(m, bestParams[0], bestParams[1], bestParams[2], bestParams[3], end, res);
    }

    private static State run(double[] y, int m, double a, double b, double g, double p, double[] residuals) {
        double first = mean(y, 0, m);
        double second = mean(y, m, 2 * m);
        double level = first;
        double trend = (second - first) / m;
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            season[i] = y[i] - first;
        }
        double sse = 0;
        for (int t = m; t < y.length; t++) {
            double s = season[t % m];
            double predicted = level + p * trend + s;
            double error = y[t] - predicted;
            if (residuals != null) {
                residuals[t - m] = error;
            }
            sse += error * error;
            double newLevel = a * (y[t] - s) + (1 - a) * (level + p * trend);
            double newTrend = b * (newLevel - level) + (1 - b) * p * trend;
            season[t % m] = g * (y[t] - level - p * trend) + (1 - g) * s;
            level = newLevel;
            trend = newTrend;
        }
        return new State(level, trend, season, y.length, sse);
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }

    /**
     * Point forecasts for the next days.
     *
     * @param horizon how many steps
     * @return one forecast per step
     */
    public double[] forecast(int horizon) {
        double[] out = new double[horizon];
        double damp = 0;
        double phiPower = 1;
        for (int h = 1; h <= horizon; h++) {
            phiPower *= phi;
            damp += phiPower;
            int seasonIndex = (end.n + h - 1) % m;
            out[h - 1] = end.level + damp * end.trend + end.season[seasonIndex];
        }
        return out;
    }

    /**
     * Simulated future paths: each step adds a one-step error drawn at random from the fit's own errors
     * and updates the state, so errors accumulate as they would.
     *
     * @param horizon steps per path
     * @param paths   how many paths
     * @param random  the source of randomness
     * @return {@code paths} rows of {@code horizon} values, clipped at zero
     */
    public double[][] simulate(int horizon, int paths, SplittableRandom random) {
        double[][] out = new double[paths][horizon];
        for (int k = 0; k < paths; k++) {
            double level = end.level;
            double trend = end.trend;
            double[] season = Arrays.copyOf(end.season, m);
            for (int h = 0; h < horizon; h++) {
                int idx = (end.n + h) % m;
                double s = season[idx];
                double predicted = level + phi * trend + s;
                double y = predicted + residuals[random.nextInt(residuals.length)];
                out[k][h] = Math.max(0, y);
                double newLevel = alpha * (y - s) + (1 - alpha) * (level + phi * trend);
                double newTrend = beta * (newLevel - level) + (1 - beta) * phi * trend;
                season[idx] = gamma * (y - level - phi * trend) + (1 - gamma) * s;
                level = newLevel;
                trend = newTrend;
            }
        }
        return out;
    }

    /** For example {@code additive Holt-Winters (m=7, alpha=0.10, beta=0.01, gamma=0.05, phi=0.98)}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "additive damped Holt-Winters on daily units (m=%d, alpha=%.2f, beta=%.2f, gamma=%.2f, phi=%.2f)",
                m, alpha, beta, gamma, phi);
    }

    private record State(double level, double trend, double[] season, int n, double sse) {
    }
}
