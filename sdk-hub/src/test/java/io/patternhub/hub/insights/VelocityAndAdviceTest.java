package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Velocity figures by hand, and each recommendation rule firing when it should and only then. */
class VelocityAndAdviceTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LocalDate START = LocalDate.of(2026, 1, 5);

    @Test
    void constantSalesHaveExactVelocityAndNoAcceleration() {
        LocalDate end = START.plusWeeks(8).minusDays(1);
        Shop shop = new Shop()
                .daily(Platform.ETSY, START, end, "FLAT", 2, "5.00")
                .daily(Platform.SHOPIFY, START, end, "FLAT", 1, "5.00");
        InsightsReport report = analyze(shop, InsightsSettings.defaults());
        Velocity all = velocity(report, "FLAT", Optional.empty());
        assertThat(all.totalUnits()).isEqualTo(3 * 56);
        assertThat(all.unitsPerDay()).isCloseTo(3, within(1e-9));
        assertThat(all.revenuePerDay()).isCloseTo(15, within(1e-9));
        assertThat(all.smoothedUnitsPerDay()).isCloseTo(3, within(1e-9));
        assertThat(all.accelerationPerWeek()).isCloseTo(0, within(1e-9));
        assertThat(velocity(report, "FLAT", Optional.of(Platform.ETSY)).unitsPerDay()).isCloseTo(2, within(1e-9));
        assertThat(velocity(report, "FLAT", Optional.of(Platform.SHOPIFY)).unitsPerDay()).isCloseTo(1, within(1e-9));
    }

    @Test
    void risingSalesAccelerateAndTheEwmaLagsBehindTheNewRate() {
        Shop shop = new Shop()
                .daily(Platform.ETSY, START, START.plusWeeks(6).minusDays(1), "UP", 1, "5.00")
                .daily(Platform.ETSY, START.plusWeeks(6), START.plusWeeks(8).minusDays(1), "UP", 3, "5.00");
        Velocity up = velocity(analyze(shop, InsightsSettings.defaults()), "UP", Optional.empty());
        assertThat(up.accelerationPerWeek()).isPositive();
        assertThat(up.smoothedUnitsPerDay()).isBetween(1.0, 3.0);
        // 14 days at 3 after 42 at 1: ewma = 3 - 2 * 0.9^14
        assertThat(up.smoothedUnitsPerDay()).isCloseTo(3 - 2 * Math.pow(0.9, 14), within(1e-9));
    }

    @Test
    void sequelOnlyWhenEveryOneOfTheLastWeeksHoldsTheThreshold() {
        LocalDate end = START.plusWeeks(10).minusDays(1);
        Shop shop = new Shop()
                .daily(Platform.ETSY, START, end, "HOLDS", 3, "5.00")                      // 21 a week
                .daily(Platform.ETSY, START, end.minusWeeks(3), "DIPS", 3, "5.00")
                .daily(Platform.ETSY, end.minusWeeks(3).plusDays(1), end.minusWeeks(2), "DIPS", 1, "5.00")
                .daily(Platform.ETSY, end.minusWeeks(2).plusDays(1), end, "DIPS", 3, "5.00");
        InsightsReport report = analyze(shop, InsightsSettings.defaults());
        assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.CONSIDER_SEQUEL)
                .extracting(Recommendation::subject).containsExactly("HOLDS");
    }

    @Test
    void raiseSpendWhereVelocityRisesAndMarginCoversCpaButNotWhereItIsFlat() {
        LocalDate end = START.plusWeeks(16).minusDays(1);
        Shop shop = new Shop()
                .daily(Platform.ETSY, START, end.minusWeeks(4), "A", 1, "10.00")
                .daily(Platform.ETSY, end.minusWeeks(4).plusDays(1), end, "A", 3, "10.00")
                .daily(Platform.SHOPIFY, START, end, "B", 1, "10.00");
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders())
                .addAdSpend(AdSpendEntry.of(Platform.ETSY, START, end, Money.of("100.00", "EUR")))
                .addAdSpend(AdSpendEntry.of(Platform.SHOPIFY, START, end, Money.of("100.00", "EUR")))
                .build();
        InsightsReport report = InsightsEngine.builder().build().analyze(input);
        assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.RAISE_AD_SPEND)
                .extracting(Recommendation::subject).containsExactly("Etsy");
        assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.REVIEW_AD_SPEND);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void collapseAfterFileUpdateIsFlaggedAndAHarmlessUpdateIsNot(long seed) {
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(seed).build().generate();
        InsightsReport report = InsightsEngine.builder().build().analyze(data.input());
        assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.CHECK_FILE_UPDATE)
                .extracting(Recommendation::subject).containsExactly(SyntheticHistory.COLLAPSING_SKU);
        assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.CHECK_FILE_UPDATE).first()
                .extracting(Recommendation::reason).asString()
                .contains("version 2.0").contains(data.truth().collapseDate().toString());
    }

    @Test
    void noCollapseFlagWithoutTheUpdateInTheInput() {
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(1).build().generate();
        InsightsInput withoutUpdates = InsightsInput.builder().from(data.input()).fileUpdates(java.util.List.of()).build();
        InsightsReport report = InsightsEngine.builder().build().analyze(withoutUpdates);
        assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.CHECK_FILE_UPDATE);
    }

    private static InsightsReport analyze(Shop shop, InsightsSettings settings) {
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders())
                .addPattern(Shop.pattern("FLAT", "Flat Tee", Craft.SEWING, "tee"))
                .build();
        return InsightsEngine.builder().settings(settings).build().analyze(input);
    }

    private static Velocity velocity(InsightsReport report, String sku, Optional<Platform> platform) {
        return report.velocities().stream().filter(v -> v.sku().equals(sku) && v.platform().equals(platform))
                .findFirst().orElseThrow();
    }
}
