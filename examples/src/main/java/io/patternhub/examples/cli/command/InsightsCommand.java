package io.patternhub.examples.cli.command;

import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.insights.HubInsights;
import io.patternhub.hub.insights.InsightsReport;
import io.patternhub.hub.insights.ReportFiles;
import io.patternhub.hub.insights.Trend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code patternhub insights}: velocity, trends, forecasts and advice over the hub's orders and patterns. */
@Command(name = "insights", mixinStandardHelpOptions = true,
        description = "Analyse the hub's orders and patterns: velocity, trends, forecasts, ad return and advice."
                + " Writes index.html, charts and CSV files.")
public final class InsightsCommand extends HubCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "insights", description = "Output folder (default insights).")
    private String out;

    @Option(names = "--from", paramLabel = "DATE", description = "First day analysed (YYYY-MM-DD); default the first order.")
    private String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day analysed (YYYY-MM-DD); default the last order.")
    private String to;

    @Option(names = "--currency", paramLabel = "CODE", description = "Reporting currency; default the most common one.")
    private String currency;

    @Option(names = "--rate", paramLabel = "CODE=RATE",
            description = "Rate from another order currency into the reporting one, e.g. USD=0.92; repeatable.")
    private Map<String, String> rates = new LinkedHashMap<>();

    public InsightsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Optional<LocalDate> first = date("--from", from);
        Optional<LocalDate> last = date("--to", to);
        if (first.isPresent() && last.isPresent() && last.get().isBefore(first.get())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
        }
        Map<Currency, BigDecimal> parsed = new LinkedHashMap<>();
        rates.forEach((code, rate) -> parsed.put(currency("--rate", code), decimal(code, rate)));
        try (HubSession hub = openHub()) {
            InsightsReport report = new HubInsights(hub.store()).analyze(first, last,
                    Optional.ofNullable(currency).map(c -> currency("--currency", c)), parsed, ZoneOffset.UTC);
            Path dir = ctx.resolve(out);
            ReportFiles files = report.writeTo(dir);
            ctx.out().printf("%s to %s in %s: %d pattern velocities, %d rising trend(s), %d recommendation(s)%n",
                    report.from(), report.to(), report.currency().getCurrencyCode(), report.velocities().size(),
                    report.risingTrends().size(), report.recommendations().size());
            for (Trend t : report.risingTrends()) {
                ctx.out().printf("  rising: %s %s%n", t.dimension().name().toLowerCase(Locale.ROOT), t.key());
            }
            ctx.out().printf("report: %s (%d charts, %d CSV files)%n", files.html(), files.charts().size(),
                    files.csvs().size());
        }
        return 0;
    }

    private Optional<LocalDate> date(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + value
                    + "' is not a date; use YYYY-MM-DD");
        }
    }

    private Currency currency(String option, String code) {
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": '" + code
                    + "' is not an ISO 4217 currency code");
        }
    }

    private BigDecimal decimal(String code, String rate) {
        try {
            return new BigDecimal(rate.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate " + code + "=" + rate
                    + ": the rate is not a number");
        }
    }
}
