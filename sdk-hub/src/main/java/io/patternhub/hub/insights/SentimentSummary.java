package io.patternhub.hub.insights;

/**
 * Review verdicts for one pattern.
 *
 * @param sku      the pattern
 * @param title    its title
 * @param positive positive reviews
 * @param neutral  neutral reviews
 * @param negative negative reviews
 */
public record SentimentSummary(String sku, String title, long positive, long neutral, long negative) {

    public long total() {
        return positive + neutral + negative;
    }

    /** (positive - negative) / total, from -1 to 1; 0 with no reviews. */
    public double netScore() {
        return total() == 0 ? 0 : (double) (positive - negative) / total();
    }
}
