package io.patternhub.hub.insights.internal;

/** Small statistics helpers; pure functions. */
public final class Stats {
    private Stats() {
    }

    /** Upper tail of the standard normal, P(Z &gt; z), accurate to about 1e-7 (Numerical Recipes erfc). */
    public static double normalUpperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /**
     * Two-sided Wald test that two Poisson rates are equal, on the log scale with half-unit continuity
     * correction and the variance multiplied by an over-dispersion factor.
     *
     * @param k1         count in the second (recent) window
     * @param t1         length of the second window
     * @param k0         count in the first (baseline) window
     * @param t0         length of the first window
     * @param dispersion variance over mean, at least 1
     * @return the rate ratio and the p-value
     */
    public static RateTest rateTest(long k1, double t1, long k0, double t0, double dispersion) {
        double a = k1 + 0.5;
        double b = k0 + 0.5;
        double logRatio = Math.log((a / t1) / (b / t0));
        double se = Math.sqrt(Math.max(1, dispersion) * (1 / a + 1 / b));
        double z = logRatio / se;
        double p = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
        return new RateTest(Math.exp(logRatio), z, p);
    }

    /**
     * Over-dispersion of weekly counts: variance over mean, with the variance estimated from successive
     * differences (von Neumann) so that a slow drift in the baseline is not mistaken for noise. About 1
     * for Poisson counts; floored at 1.
     *
     * @param counts weekly counts, oldest first
     * @return the dispersion factor, at least 1; 1 when there are fewer than two counts or no sales
     */
    public static double dispersion(long[] counts) {
        if (counts.length < 2) {
            return 1;
        }
        double mean = 0;
        for (long c : counts) {
            mean += c;
        }
        mean /= counts.length;
        if (mean <= 0) {
            return 1;
        }
        double squares = 0;
        for (int i = 1; i < counts.length; i++) {
            double d = counts[i] - counts[i - 1];
            squares += d * d;
        }
        double variance = squares / (2.0 * (counts.length - 1));
        return Math.max(1, variance / mean);
    }

    /**
     * The result of {@link #rateTest}.
     *
     * @param ratio rate ratio, second over first
     * @param z     the z statistic
     * @param p     two-sided p-value
     */
    public record RateTest(double ratio, double z, double p) {
    }
}
