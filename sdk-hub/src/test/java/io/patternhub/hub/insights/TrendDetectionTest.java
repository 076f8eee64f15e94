package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Trends on histories with a known ground truth: the planted trend is found, noise is not. */
class TrendDetectionTest {

    private static InsightsReport analyze(long seed) {
        return InsightsEngine.builder().build().analyze(SyntheticHistory.builder().seed(seed).build().generate().input());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void plantedStyleIsRisingAsTagStyleAndColourOverallAndOnThePlatformsItSellsOn(long seed) {
        InsightsReport report = analyze(seed);
        assertThat(direction(report, TrendDimension.STYLE, SyntheticHistory.TRENDING_STYLE, Optional.empty()))
                .isEqualTo(TrendDirection.RISING);
        assertThat(direction(report, TrendDimension.TAG, SyntheticHistory.TRENDING_STYLE, Optional.empty()))
                .isEqualTo(TrendDirection.RISING);
        assertThat(direction(report, TrendDimension.COLOUR, SyntheticHistory.TRENDING_COLOUR, Optional.empty()))
                .isEqualTo(TrendDirection.RISING);
        // Across platforms: the biggest shop for sewing patterns shows it on its own.
        assertThat(direction(report, TrendDimension.STYLE, SyntheticHistory.TRENDING_STYLE, Optional.of(Platform.ETSY)))
                .isEqualTo(TrendDirection.RISING);
        Trend trend = report.trend(TrendDimension.STYLE, SyntheticHistory.TRENDING_STYLE, Optional.empty()).orElseThrow();
        assertThat(trend.growth()).isBetween(1.8, 3.2); // planted: baseline ~1.25x, recent 3x
        assertThat(report.recommendations()).anyMatch(r -> r.kind() == RecommendationKind.RIDE_TREND
                && r.subject().contains(SyntheticHistory.TRENDING_STYLE));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomWalkControlIsNeverATrendOnAnyPlatform(long seed) {
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(seed).build().generate();
        InsightsReport report = InsightsEngine.builder().build().analyze(data.input());
        List<Trend> control = report.trends().stream()
                .filter(t -> data.truth().randomWalkTags().contains(t.key())
                        || (t.dimension() == TrendDimension.COLOUR && t.key().equals("teal"))
                        || (t.dimension() == TrendDimension.CRAFT && t.key().equals("crochet")))
                .toList();
        // 3 tags + craft + "ripple" style + "teal" colour, overall and on three platforms each.
        assertThat(control).hasSizeGreaterThanOrEqualTo(6 * 4);
        assertThat(control).allSatisfy(t -> assertThat(t.direction()).as(t.toString()).isEqualTo(TrendDirection.STEADY));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void steadyPatternsTagsAreNotRising(long seed) {
        InsightsReport report = analyze(seed);
        Set<String> steadyTags = Set.of("tee", "bag", "tote", "beginner", "hat", "fair-isle", "colourwork", "socks", "toe-up");
        assertThat(report.trends()).filteredOn(t -> steadyTags.contains(t.key())).isNotEmpty()
                .allSatisfy(t -> assertThat(t.direction()).as(t.toString()).isNotEqualTo(TrendDirection.RISING));
    }

    @Test
    void aSingleSaleIsNotATrendButASustainedBurstIs() {
        LocalDate start = LocalDate.of(2026, 1, 5);
        LocalDate end = start.plusWeeks(16).minusDays(1);
        LocalDate recent = end.minusWeeks(4).plusDays(1);
        Shop shop = new Shop()
                .daily(Platform.ETSY, start, end, "BASE", 3, "5.00")
                .sell(Platform.ETSY, recent.plusDays(3), "ONE", "5.00", "EUR")
                .daily(Platform.ETSY, recent, end, "BURST", 2, "5.00");
        InsightsInput input = InsightsInput.builder().currency(Currency.getInstance("EUR")).orders(shop.orders())
                .addPattern(Shop.pattern("BASE", "Base Tee", Craft.SEWING, "basic"))
                .addPattern(Shop.pattern("ONE", "One Off Hat", Craft.KNITTING, "oneoff"))
                .addPattern(Shop.pattern("BURST", "Burst Bag", Craft.QUILTING, "burst"))
                .build();
        InsightsReport report = InsightsEngine.builder().build().analyze(input);
        Trend single = report.trend(TrendDimension.TAG, "oneoff", Optional.empty()).orElseThrow();
        assertThat(single.recentUnits()).isEqualTo(1);
        assertThat(single.growth()).isGreaterThan(2); // the ratio alone would call it a trend
        assertThat(single.direction()).isEqualTo(TrendDirection.STEADY);
        assertThat(report.trend(TrendDimension.TAG, "burst", Optional.empty()).orElseThrow().direction())
                .isEqualTo(TrendDirection.RISING);
        assertThat(report.trend(TrendDimension.TAG, "basic", Optional.empty()).orElseThrow().direction())
                .isEqualTo(TrendDirection.STEADY);
    }

    @Test
    void tooShortAHistoryGivesNoTrendsAndSaysSo() {
        LocalDate start = LocalDate.of(2026, 1, 5);
        Shop shop = new Shop().daily(Platform.ETSY, start, start.plusWeeks(5).minusDays(1), "BASE", 1, "5.00");
        InsightsInput input = InsightsInput.builder().currency(Currency.getInstance("EUR")).orders(shop.orders()).build();
        InsightsReport report = InsightsEngine.builder().build().analyze(input);
        assertThat(report.trends()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("No trends"));
    }

    private static TrendDirection direction(InsightsReport report, TrendDimension dimension, String key,
                                            Optional<Platform> platform) {
        return report.trend(dimension, key, platform).map(Trend::direction).orElseThrow();
    }
}
