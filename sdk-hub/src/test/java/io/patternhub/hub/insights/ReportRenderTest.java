package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Money;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report renders: HTML with the charts, charts that decode and show something, CSV with the numbers. */
class ReportRenderTest {

    @Test
    void writesHtmlFiveDecodableNonBlankChartsAndCsvs(@TempDir Path dir) throws IOException {
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(3).build().generate();
        InsightsReport report = InsightsEngine.builder().build().analyze(data.input());
        ReportFiles files = report.writeTo(dir.resolve("insights"));

        assertThat(files.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly("velocity.png", "revenue-fees.png", "trends.png", "forecast.png", "cpa.png");
        for (Path chart : files.charts()) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image).as(chart.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(450);
            assertThat(distinctColours(image)).as("colours in " + chart).isGreaterThan(10);
        }

        String html = Files.readString(files.html());
        for (Path chart : files.charts()) {
            assertThat(html).contains("<img src=\"" + chart.getFileName() + "\"");
        }
        assertThat(html).contains("Recommendations").contains("CHECK_FILE_UPDATE").contains("cottagecore");

        assertThat(files.csvs()).extracting(p -> p.getFileName().toString()).contains("velocity.csv", "trends.csv",
                "forecast.csv", "forecast-accuracy.csv", "platforms.csv", "recommendations.csv", "sentiment.csv");
        List<String> velocity = Files.readAllLines(dir.resolve("insights/velocity.csv"));
        assertThat(velocity.get(0)).startsWith("sku,title,platform,total_units");
        assertThat(velocity).hasSize(report.velocities().size() + 1);
        List<String> platforms = Files.readAllLines(dir.resolve("insights/platforms.csv"));
        PlatformSummary etsy = report.platform(Platform.ETSY).orElseThrow();
        assertThat(platforms).anyMatch(l -> l.startsWith("Etsy," + etsy.orders() + ",")
                && l.contains("," + etsy.revenue().amount().toPlainString() + ",")
                && l.contains("," + etsy.cpa().orElseThrow().amount().toPlainString() + ","));
        List<String> forecast = Files.readAllLines(dir.resolve("insights/forecast.csv"));
        assertThat(forecast).filteredOn(l -> l.startsWith("all patterns,,") && l.contains(",forecast,")).hasSize(8);
    }

    @Test
    void escapesCatalogTextInHtmlAndCsvAndSkipsChartsWithoutData(@TempDir Path dir) throws IOException {
        LocalDate start = LocalDate.of(2026, 3, 2);
        Shop shop = new Shop().daily(Platform.ETSY, start, start.plusDays(9), "X-1", 1, "5.00");
        InsightsInput input = InsightsInput.builder().currency(Currency.getInstance("EUR")).orders(shop.orders())
                .addPattern(Shop.pattern("X-1", "Tee <b>bold</b> & \"quoted\", too", Craft.SEWING, "tee"))
                .build();
        ReportFiles files = InsightsEngine.builder().build().analyze(input).writeTo(dir);
        String html = Files.readString(files.html());
        assertThat(html).contains("Tee &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;, too").doesNotContain("<b>bold");
        // Ten days: velocity and revenue, but no trend, no forecast, no CPA.
        assertThat(files.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly("velocity.png", "revenue-fees.png");
        assertThat(html).contains("No data for the chart: Forecast");
        assertThat(Files.readAllLines(dir.resolve("velocity.csv")))
                .anyMatch(l -> l.startsWith("X-1,\"Tee <b>bold</b> & \"\"quoted\"\", too\",all,10,"));
    }

    @Test
    void reportHoldsSentimentSummaries(@TempDir Path dir) throws IOException {
        LocalDate day = LocalDate.of(2026, 3, 2);
        Shop shop = new Shop().sell(Platform.ETSY, day, "S", "5.00", "EUR");
        InsightsInput input = InsightsInput.builder().currency(Currency.getInstance("EUR")).orders(shop.orders())
                .addPattern(Shop.pattern("S", "Scarf", Craft.KNITTING))
                .addReview(ReviewSentiment.of("S", Sentiment.POSITIVE, day))
                .addReview(ReviewSentiment.of("S", Sentiment.POSITIVE, day))
                .addReview(ReviewSentiment.of("S", Sentiment.POSITIVE, day))
                .addReview(ReviewSentiment.of("S", Sentiment.NEGATIVE, day))
                .addReview(ReviewSentiment.of("OTHER", Sentiment.NEUTRAL, day))
                .addAdSpend(AdSpendEntry.of(Platform.ETSY, day, day, Money.of("1.00", "EUR")))
                .build();
        InsightsReport report = InsightsEngine.builder().build().analyze(input);
        assertThat(report.sentiments()).containsExactly(
                new SentimentSummary("OTHER", "OTHER", 0, 1, 0),
                new SentimentSummary("S", "Scarf", 3, 0, 1));
        assertThat(report.sentiments().get(1).netScore()).isEqualTo(0.5);
        report.writeTo(dir);
        assertThat(Files.readAllLines(dir.resolve("sentiment.csv"))).contains("S,Scarf,3,0,1,0.5000");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
