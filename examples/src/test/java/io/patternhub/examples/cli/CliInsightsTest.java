package io.patternhub.examples.cli;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.store.HubStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** patternhub insights over a hub holding eight weeks of EUR orders on Etsy and one USD order on Ravelry. */
class CliInsightsTest {
    @TempDir
    Path dir;
    private final Map<String, String> env = Map.of("PATTERNHUB_DB", "hub.db");

    @BeforeEach
    void seedHub() {
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            Instant start = Instant.parse("2026-03-02T10:00:00Z");
            for (int day = 0; day < 56; day++) {
                String sku = day % 3 == 0 ? "HAT-1" : "SOCK-2";
                ingest.ingest(order(Platform.ETSY, "E" + day, start.plus(day, ChronoUnit.DAYS), sku, "EUR"), "e" + day);
            }
            ingest.ingest(order(Platform.RAVELRY, "R1", start.plus(10, ChronoUnit.DAYS), "HAT-1", "USD"), "r1");
        }
    }

    private static Order order(Platform p, String id, Instant at, String sku, String currency) {
        Money price = Money.of("7.00", currency);
        return Order.builder().platform(p).externalId(id).createdAt(at).currency(Currency.getInstance(currency))
                .buyer(CustomerRef.builder().platform(p).externalId("b-" + id).build())
                .addLineItem(LineItem.builder().externalId("l-" + id).sku(sku).title(sku).quantity(1).unitPrice(price)
                        .build())
                .subtotal(price).total(price).status(OrderStatus.PAID).build();
    }

    @Test
    void writesTheReportFilesForTheChosenWindow() throws Exception {
        CliRun run = CliRun.run(dir, env, "insights", "--out", "report", "--from", "2026-03-02", "--to", "2026-04-26",
                "--rate", "USD=0.92");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2026-03-02 to 2026-04-26 in EUR").contains("report/index.html".replace('/',
                java.io.File.separatorChar));
        Path report = dir.resolve("report");
        assertThat(report.resolve("index.html")).isRegularFile();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) charts, (\\d+) CSV files\\)")
                .matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        try (Stream<Path> files = Files.list(report)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(Long.parseLong(m.group(1)))
                    .isPositive();
        }
        try (Stream<Path> files = Files.list(report)) {
            assertThat(files.filter(f -> f.toString().endsWith(".csv")).count()).isEqualTo(Long.parseLong(m.group(2)))
                    .isEqualTo(7);
        }
    }

    @Test
    void anOrderCurrencyWithoutARateFailsNamingIt() {
        CliRun run = CliRun.run(dir, env, "insights", "--out", "report");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.err()).contains("USD");
        assertThat(dir.resolve("report")).doesNotExist();
    }

    @Test
    void aBadDateIsAUsageError() {
        CliRun run = CliRun.run(dir, env, "insights", "--from", "March");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.USAGE);
        assertThat(run.err()).contains("--from 'March' is not a date");
    }
}
