package io.patternhub.hub.insights.internal;

import io.patternhub.hub.insights.Forecast;
import io.patternhub.hub.insights.InsightsReport;
import io.patternhub.hub.insights.PlatformSummary;
import io.patternhub.hub.insights.Trend;
import io.patternhub.hub.insights.TrendDimension;
import io.patternhub.hub.insights.VelocitySeries;
import io.patternhub.hub.insights.WeekValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report's charts with XChart into PNG files, headless. */
final class ChartRenderer {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;
    private static final int TREND_BARS = 12;

    ChartRenderer() {
        // Servers and CI have no display; charts render off-screen. Respect an explicit choice.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Velocity per pattern; empty when nothing sold. */
    Optional<Path> velocity(InsightsReport report, Path dir) {
        if (report.velocitySeries().isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Velocity per pattern (EWMA units/day, all platforms)").xAxisTitle("day").yAxisTitle("units/day").build();
        styleXY(chart);
        for (VelocitySeries s : report.velocitySeries()) {
            List<Date> x = new ArrayList<>();
            for (int i = 0; i < s.smoothedUnitsPerDay().size(); i++) {
                x.add(date(s.start().plusDays(i)));
            }
            XYSeries series = chart.addSeries(label(s.title(), s.sku()), x, s.smoothedUnitsPerDay());
            series.setMarker(SeriesMarkers.NONE);
        }
        return Optional.of(save(chart, dir.resolve("velocity.png")));
    }

    /** Revenue and fees per platform. */
    Optional<Path> revenueAndFees(InsightsReport report, Path dir) {
        List<PlatformSummary> platforms = report.platforms().stream().filter(p -> p.orders() > 0).toList();
        if (platforms.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Revenue and fees per platform").xAxisTitle("platform")
                .yAxisTitle(report.currency().getCurrencyCode()).build();
        styleCategory(chart);
        List<String> names = platforms.stream().map(p -> p.platform().displayName()).toList();
        chart.addSeries("revenue", names, platforms.stream().map(p -> (Number) p.revenue().amount().doubleValue()).toList());
        chart.addSeries("fees", names, platforms.stream().map(p -> (Number) p.fees().amount().doubleValue()).toList());
        chart.addSeries("ad spend", names, platforms.stream().map(p -> (Number) p.adSpend().amount().doubleValue()).toList());
        return Optional.of(save(chart, dir.resolve("revenue-fees.png")));
    }

    /** Growth of the fastest-growing tags, styles and colours, rising ones marked. */
    Optional<Path> trends(InsightsReport report, Path dir, int minCount) {
        List<Trend> top = report.trends().stream()
                .filter(t -> t.platform().isEmpty() && t.dimension() != TrendDimension.PLATFORM
                        && t.dimension() != TrendDimension.CRAFT && t.recentUnits() >= minCount)
                .sorted((a, b) -> Double.compare(b.growth(), a.growth()))
                .limit(TREND_BARS).toList();
        if (top.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Trending tags, styles and colours (recent rate / own baseline)").xAxisTitle("item")
                .yAxisTitle("growth").build();
        styleCategory(chart);
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = top.stream().map(t -> t.dimension().name().toLowerCase(java.util.Locale.ROOT) + ":" + t.key()).toList();
        chart.addSeries("rising (significant)", names, top.stream().map(t -> (Number) (t.isRising() ? t.growth() : 0)).toList());
        chart.addSeries("not a trend", names, top.stream().map(t -> (Number) (t.isRising() ? 0 : t.growth())).toList());
        return Optional.of(save(chart, dir.resolve("trends.png")));
    }

    /** The shop forecast with its interval after the last actual weeks. */
    Optional<Path> forecast(InsightsReport report, Path dir) {
        Optional<Forecast> shop = report.shopForecast();
        if (shop.isEmpty()) {
            return Optional.empty();
        }
        Forecast f = shop.get();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(java.util.Locale.ROOT, "Forecast, all patterns (units/week, %.0f%% interval)",
                        100 * f.intervalLevel()))
                .xAxisTitle("week").yAxisTitle("units/week").build();
        styleXY(chart);
        line(chart, "actual", f.history(), WeekValue::value);
        line(chart, "forecast", f.weeks(), WeekValue::value);
        line(chart, "lower", f.weeks(), WeekValue::lower);
        line(chart, "upper", f.weeks(), WeekValue::upper);
        return Optional.of(save(chart, dir.resolve("forecast.png")));
    }

    /** Cost per acquisition per platform with ad spend. */
    Optional<Path> cpa(InsightsReport report, Path dir) {
        List<PlatformSummary> withCpa = report.platforms().stream().filter(p -> p.cpa().isPresent()).toList();
        if (withCpa.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Cost per acquisition and margin per order").xAxisTitle("platform")
                .yAxisTitle(report.currency().getCurrencyCode()).build();
        styleCategory(chart);
        List<String> names = withCpa.stream().map(p -> p.platform().displayName()).toList();
        chart.addSeries("CPA", names, withCpa.stream().map(p -> (Number) p.cpa().get().amount().doubleValue()).toList());
        chart.addSeries("margin per order", names, withCpa.stream()
                .map(p -> (Number) p.marginPerOrder().map(m -> m.amount().doubleValue()).orElse(0.0)).toList());
        return Optional.of(save(chart, dir.resolve("cpa.png")));
    }

    private static void line(XYChart chart, String name, List<WeekValue> weeks, java.util.function.ToDoubleFunction<WeekValue> value) {
        List<Date> x = weeks.stream().map(w -> date(w.weekStart())).toList();
        List<Double> y = weeks.stream().map(w -> value.applyAsDouble(w)).toList();
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(name.equals("lower") || name.equals("upper") ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    private static void styleXY(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    private static void styleCategory(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    private static String label(String title, String sku) {
        return title.equals(sku) ? sku : title + " (" + sku + ")";
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write chart " + file, e);
        }
    }
}
