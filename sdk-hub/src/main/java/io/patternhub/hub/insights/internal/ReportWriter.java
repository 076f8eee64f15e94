package io.patternhub.hub.insights.internal;

import io.patternhub.hub.insights.Forecast;
import io.patternhub.hub.insights.InsightsReport;
import io.patternhub.hub.insights.PlatformSummary;
import io.patternhub.hub.insights.Recommendation;
import io.patternhub.hub.insights.ReportFiles;
import io.patternhub.hub.insights.SentimentSummary;
import io.patternhub.hub.insights.Trend;
import io.patternhub.hub.insights.TrendDirection;
import io.patternhub.hub.insights.Velocity;
import io.patternhub.hub.insights.WeekValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes an {@link InsightsReport} as {@code index.html}, PNG charts and CSV files. */
public final class ReportWriter {
    private static final int TABLE_ROWS = 30;
    private final InsightsReport report;

    public ReportWriter(InsightsReport report) {
        this.report = report;
    }

    /**
     * Writes every file into a directory.
     *
     * @param dir the directory, created if missing
     * @return what was written
     */
    public ReportFiles write(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create report directory " + dir, e);
        }
        ChartRenderer charts = new ChartRenderer();
        Optional<Path> velocity = charts.velocity(report, dir);
        Optional<Path> revenue = charts.revenueAndFees(report, dir);
        Optional<Path> trends = charts.trends(report, dir, 1);
        Optional<Path> forecast = charts.forecast(report, dir);
        Optional<Path> cpa = charts.cpa(report, dir);
        List<Path> chartFiles = new ArrayList<>();
        for (Optional<Path> p : List.of(velocity, revenue, trends, forecast, cpa)) {
            p.ifPresent(chartFiles::add);
        }
        List<Path> csvs = List.of(
                csv(dir.resolve("velocity.csv"), velocityRows()),
                csv(dir.resolve("trends.csv"), trendRows()),
                csv(dir.resolve("forecast.csv"), forecastRows()),
                csv(dir.resolve("forecast-accuracy.csv"), accuracyRows()),
                csv(dir.resolve("platforms.csv"), platformRows()),
                csv(dir.resolve("recommendations.csv"), recommendationRows()),
                csv(dir.resolve("sentiment.csv"), sentimentRows()));
        Path html = dir.resolve("index.html");
        write(html, html(velocity, revenue, trends, forecast, cpa));
        return new ReportFiles(html, chartFiles, csvs);
    }

    private List<List<String>> velocityRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("sku", "title", "platform", "total_units", "units_per_day", "revenue_per_day",
                "ewma_units_per_day", "ewma_revenue_per_day", "acceleration_per_week"));
        for (Velocity v : report.velocities()) {
            rows.add(List.of(v.sku(), v.title(), v.platformLabel(), Long.toString(v.totalUnits()), num(v.unitsPerDay()),
                    num(v.revenuePerDay()), num(v.smoothedUnitsPerDay()), num(v.smoothedRevenuePerDay()),
                    num(v.accelerationPerWeek())));
        }
        return rows;
    }

    private List<List<String>> trendRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("dimension", "key", "platform", "baseline_units", "recent_units", "baseline_per_week",
                "recent_per_week", "growth", "dispersion", "p_value", "direction"));
        for (Trend t : report.trends()) {
            rows.add(List.of(t.dimension().name(), t.key(), t.platformLabel(), Long.toString(t.baselineUnits()),
                    Long.toString(t.recentUnits()), num(t.baselinePerWeek()), num(t.recentPerWeek()), num(t.growth()),
                    num(t.dispersion()), String.format(Locale.ROOT, "%.3g", t.pValue()), t.direction().name()));
        }
        return rows;
    }

    private List<List<String>> forecastRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("subject", "sku", "week_start", "kind", "units", "lower", "upper"));
        for (Forecast f : report.forecasts()) {
            for (WeekValue w : f.history()) {
                rows.add(List.of(f.subject(), f.sku().orElse(""), w.weekStart().toString(), "actual", num(w.value()),
                        num(w.lower()), num(w.upper())));
            }
            for (WeekValue w : f.weeks()) {
                rows.add(List.of(f.subject(), f.sku().orElse(""), w.weekStart().toString(), "forecast", num(w.value()),
                        num(w.lower()), num(w.upper())));
            }
        }
        return rows;
    }

    private List<List<String>> accuracyRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("subject", "sku", "method", "holdout_days", "model_mae", "naive_seasonal_mae", "error_ratio", "mase"));
        for (Forecast f : report.forecasts()) {
            f.accuracy().ifPresent(a -> rows.add(List.of(f.subject(), f.sku().orElse(""), f.method(),
                    Integer.toString(a.holdoutDays()), num(a.modelMae()), num(a.naiveMae()), num(a.errorRatio()), num(a.mase()))));
        }
        return rows;
    }

    private List<List<String>> platformRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("platform", "orders", "units", "revenue", "fees", "ad_spend", "attributed_orders", "cpa", "roas",
                "margin_per_order", "currency"));
        for (PlatformSummary p : report.platforms()) {
            rows.add(List.of(p.platform().displayName(), Long.toString(p.orders()), Long.toString(p.units()),
                    p.revenue().amount().toPlainString(), p.fees().amount().toPlainString(),
                    p.adSpend().amount().toPlainString(), Long.toString(p.attributedOrders()),
                    p.cpa().map(m -> m.amount().toPlainString()).orElse(""),
                    p.roas().map(r -> r.toPlainString()).orElse(""),
                    p.marginPerOrder().map(m -> m.amount().toPlainString()).orElse(""),
                    report.currency().getCurrencyCode()));
        }
        return rows;
    }

    private List<List<String>> recommendationRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("kind", "subject", "reason"));
        for (Recommendation r : report.recommendations()) {
            rows.add(List.of(r.kind().name(), r.subject(), r.reason()));
        }
        return rows;
    }

    private List<List<String>> sentimentRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("sku", "title", "positive", "neutral", "negative", "net_score"));
        for (SentimentSummary s : report.sentiments()) {
            rows.add(List.of(s.sku(), s.title(), Long.toString(s.positive()), Long.toString(s.neutral()),
                    Long.toString(s.negative()), num(s.netScore())));
        }
        return rows;
    }

    private String html(Optional<Path> velocity, Optional<Path> revenue, Optional<Path> trends, Optional<Path> forecast,
                        Optional<Path> cpa) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PatternHub insights</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1000px;margin:auto}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>PatternHub insights</h1>\n<p>").append(esc(report.from() + " to " + report.to()))
                .append(", amounts in ").append(esc(report.currency().getCurrencyCode())).append(".</p>\n");
        if (!report.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            report.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Recommendations</h2>");
        table(h, recommendationRows(), TABLE_ROWS);
        h.append("<h2>Velocity</h2>");
        image(h, velocity, "Velocity per pattern");
        table(h, velocityRows(), TABLE_ROWS);
        h.append("<h2>Trends</h2>");
        image(h, trends, "Trending tags");
        List<List<String>> trendTable = new ArrayList<>();
        List<List<String>> all = trendRows();
        trendTable.add(all.get(0));
        for (int i = 0; i < report.trends().size(); i++) {
            if (report.trends().get(i).direction() != TrendDirection.STEADY) {
                trendTable.add(all.get(i + 1));
            }
        }
        h.append("<p>Rising and falling items (every item tested is in trends.csv).</p>");
        table(h, trendTable, TABLE_ROWS);
        h.append("<h2>Forecast</h2>");
        image(h, forecast, "Forecast");
        table(h, accuracyRows(), TABLE_ROWS);
        h.append("<h2>Platforms, fees and advertising</h2>");
        image(h, revenue, "Revenue and fees per platform");
        image(h, cpa, "Cost per acquisition per platform");
        table(h, platformRows(), TABLE_ROWS);
        if (!report.sentiments().isEmpty()) {
            h.append("<h2>Review sentiment</h2>");
            table(h, sentimentRows(), TABLE_ROWS);
        }
        h.append("<p>The numbers behind every chart are in the CSV files next to this page.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void image(StringBuilder h, Optional<Path> file, String alt) {
        if (file.isPresent()) {
            h.append("<p><img src=\"").append(esc(file.get().getFileName().toString())).append("\" alt=\"")
                    .append(esc(alt)).append("\"></p>\n");
        } else {
            h.append("<p>No data for the chart: ").append(esc(alt)).append(".</p>\n");
        }
    }

    private static void table(StringBuilder h, List<List<String>> rows, int maxRows) {
        if (rows.size() <= 1) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table><tr>");
        rows.get(0).forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (List<String> row : rows.subList(1, Math.min(rows.size(), maxRows + 1))) {
            h.append("<tr>");
            row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (rows.size() - 1 > maxRows) {
            h.append("<p>").append(rows.size() - 1 - maxRows).append(" more rows in the CSV file.</p>\n");
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Path csv(Path file, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(csvField(row.get(i)));
            }
            out.append('\n');
        }
        write(file, out.toString());
        return file;
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : Double.toString(v);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
