/**
 * Insights across every shop: sales velocity per pattern and platform, trends across tags, styles,
 * crafts and colour words, Holt-Winters forecasts with intervals and a reported accuracy, cost per
 * acquisition and return on ad spend, recommendations with their reason, and an HTML report with
 * charts and CSV files.
 *
 * <p>The engine works from plain inputs ({@link io.patternhub.hub.insights.InsightsInput}: orders,
 * patterns, recorded ad spend, file updates, review sentiment) so any store can feed it:
 * <pre>{@code
 * InsightsReport report = InsightsEngine.builder().build().analyze(input);
 * report.writeTo(Path.of("insights"));
 * }</pre>
 * {@link io.patternhub.hub.insights.SyntheticHistory} generates a seeded, realistic history with a known
 * ground truth for tests and the demo.
 */
package io.patternhub.hub.insights;
