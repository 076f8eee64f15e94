package io.patternhub.examples.demo;

import io.patternhub.hub.insights.InsightsEngine;
import io.patternhub.hub.insights.InsightsReport;
import io.patternhub.hub.insights.ReportFiles;
import io.patternhub.hub.insights.SyntheticHistory;
import io.patternhub.hub.insights.Trend;

import java.time.LocalDate;

/**
 * Insights need months of sales, which a demo run does not have: this chapter analyses a year of
 * synthetic history (weekday season, a trending style, a pattern collapsing after a bad file update)
 * and writes the report into {@code insights/}. The hub's own orders go through {@code patternhub insights}.
 */
final class InsightsStep implements DemoStep {
    /** Fixed, so the demo's figures are the same on every run. */
    private static final long SEED = 7;

    @Override
    public String title() {
        return "Sales insights from a year of history";
    }

    @Override
    public void run(DemoWorld world, StepLog log) {
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(SEED).weeks(52).events(true)
                .start(LocalDate.of(2025, 1, 6)).build().generate();
        InsightsReport report = InsightsEngine.builder().build().analyze(data.input());
        ReportFiles files = report.writeTo(world.out().resolve("insights"));
        log.say("%d orders from %s to %s analysed", data.input().orders().size(), report.from(), report.to());
        for (Trend t : report.risingTrends()) {
            log.say("rising %s: %s", t.dimension().name().toLowerCase(java.util.Locale.ROOT), t.key());
        }
        report.recommendations().forEach(r -> log.say("%s %s: %s", r.kind(), r.subject(), r.reason()));
        world.summary().set("insights.orders", data.input().orders().size());
        world.summary().set("insights.rising_trends", report.risingTrends().size());
        world.summary().set("insights.recommendations", report.recommendations().size());
        world.summary().set("insights.charts", files.charts().size());
        world.summary().set("insights.csv_files", files.csvs().size());
        log.say("report: %s", world.out().relativize(files.html()));
    }
}
