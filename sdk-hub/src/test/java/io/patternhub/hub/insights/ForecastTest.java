package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.insights.internal.HoltWinters;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holt-Winters forecasts: exact on exact seasonal data, better than naive seasonal on noisy seasonal data. */
class ForecastTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void beatsTheNaiveSeasonalForecastOnSeasonalData(long seed) {
        InsightsInput input = SyntheticHistory.builder().seed(seed).events(false).build().generate().input();
        Forecast shop = InsightsEngine.builder().build().analyze(input).shopForecast().orElseThrow();
        ForecastAccuracy accuracy = shop.accuracy().orElseThrow();
        System.out.printf(Locale.ROOT, "seed %d: error ratio %.3f, MASE %.3f (%s)%n", seed, accuracy.errorRatio(),
                accuracy.mase(), shop.method());
        assertThat(accuracy.holdoutDays()).isEqualTo(28);
        assertThat(accuracy.naiveMae()).isPositive();
        assertThat(accuracy.errorRatio()).isLessThan(1.0);
        assertThat(accuracy.beatsNaive()).isTrue();
    }

    @Test
    void reproducesAnExactWeeklySeasonAndTrend() {
        double[] y = new double[70];
        for (int t = 0; t < y.length; t++) {
            y[t] = 20 + (t % 7) * 2;
        }
        HoltWinters model = HoltWinters.fit(y, 7);
        double[] forecast = model.forecast(14);
        for (int h = 0; h < 14; h++) {
            assertThat(forecast[h]).isCloseTo(20 + ((70 + h) % 7) * 2, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void intervalsAreOrderedAndCoverMostOfTheWeeksThatFollow() {
        // 60 weeks generated, the first 52 analysed: the last 8 are the future to check against.
        SyntheticHistory.Data data = SyntheticHistory.builder().seed(11).weeks(60).events(false).build().generate();
        LocalDate cut = data.truth().start().plusWeeks(52).minusDays(1);
        InsightsSettings settings = InsightsSettings.builder().endDate(cut).forecastWeeks(8).build();
        Forecast shop = InsightsEngine.builder().settings(settings).build().analyze(data.input()).shopForecast().orElseThrow();
        assertThat(shop.weeks()).hasSize(8);
        assertThat(shop.history()).hasSize(16);
        int covered = 0;
        for (WeekValue week : shop.weeks()) {
            assertThat(week.lower()).isLessThanOrEqualTo(week.value());
            assertThat(week.value()).isLessThanOrEqualTo(week.upper());
            assertThat(week.upper() - week.lower()).isPositive();
            long actual = data.input().orders().stream()
                    .filter(o -> o.status() == OrderStatus.PAID || o.status() == OrderStatus.PARTIALLY_REFUNDED)
                    .filter(o -> inWeek(o, week.weekStart()))
                    .count();
            if (actual >= week.lower() && actual <= week.upper()) {
                covered++;
            }
        }
        assertThat(shop.weeks().get(0).weekStart()).isEqualTo(cut.plusDays(1));
        assertThat(covered).as("weeks inside the 80%% interval").isGreaterThanOrEqualTo(5);
    }

    @Test
    void horizonFollowsTheSettingAndIsLimitedToFourToTwelveWeeks() {
        InsightsInput input = SyntheticHistory.builder().seed(2).weeks(26).build().generate().input();
        InsightsReport report = InsightsEngine.builder()
                .settings(InsightsSettings.builder().forecastWeeks(12).build()).build().analyze(input);
        assertThat(report.forecasts()).isNotEmpty().allSatisfy(f -> assertThat(f.weeks()).hasSize(12));
        assertThat(report.forecast(SyntheticHistory.COLLAPSING_SKU)).isPresent();
        assertThatThrownBy(() -> InsightsSettings.builder().forecastWeeks(3).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("forecastWeeks");
        assertThatThrownBy(() -> InsightsSettings.builder().forecastWeeks(13).build())
                .isInstanceOf(InvalidModelException.class);
    }

    private static boolean inWeek(Order order, LocalDate weekStart) {
        LocalDate day = LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC);
        return !day.isBefore(weekStart) && day.isBefore(weekStart.plusDays(7));
    }
}
