package io.patternhub.hub.insights;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link InsightsReport#writeTo(Path)} wrote.
 *
 * @param html   the report page
 * @param charts the chart images (PNG)
 * @param csvs   the CSV files of the numbers
 */
public record ReportFiles(Path html, List<Path> charts, List<Path> csvs) {
    public ReportFiles {
        charts = List.copyOf(charts);
        csvs = List.copyOf(csvs);
    }
}
