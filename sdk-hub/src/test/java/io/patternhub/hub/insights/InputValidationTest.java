package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** Bad input is a typed error with a message that says what to fix. */
class InputValidationTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LocalDate DAY = LocalDate.of(2026, 2, 2);

    @Test
    void noPaidOrderIsAnError() {
        Shop shop = new Shop().add(Platform.ETSY, DAY, "X", "5.00", "EUR", OrderStatus.CANCELLED, null);
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders()).build();
        assertThatThrownBy(() -> InsightsEngine.builder().build().analyze(input))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("no paid");
    }

    @Test
    void invalidValuesAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> AdSpendEntry.of(Platform.ETSY, DAY, DAY.minusDays(1), Money.of("1.00", "EUR")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> AdSpendEntry.of(Platform.ETSY, DAY, DAY, Money.of("-1.00", "EUR")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> InsightsInput.builder().currency(EUR)
                .addPattern(Shop.pattern("A", "One", Craft.SEWING)).addPattern(Shop.pattern("A", "Two", Craft.SEWING)).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("two patterns with SKU A");
        assertThatThrownBy(() -> InsightsInput.builder().currency(EUR)
                .putRatesToReportingCurrency(Currency.getInstance("USD"), BigDecimal.ZERO).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("USD");
        assertThatThrownBy(() -> InsightsSettings.builder().startDate(DAY).endDate(DAY.minusDays(1)).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("endDate");
        assertThatThrownBy(() -> InsightsSettings.builder().ewmaAlpha(0).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("ewmaAlpha");
        assertThatThrownBy(() -> SyntheticHistory.builder().weeks(10))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("weeks");
    }

    @Test
    void uncountedOrdersAndUnknownSkusAreNotedNotDropped() {
        Shop shop = new Shop()
                .sell(Platform.ETSY, DAY, "KNOWN", "5.00", "EUR")
                .sell(Platform.ETSY, DAY, "MYSTERY", "5.00", "EUR")
                .add(Platform.ETSY, DAY, "KNOWN", "5.00", "EUR", OrderStatus.REFUNDED, "5.00");
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders())
                .addPattern(Shop.pattern("KNOWN", "Known", Craft.SEWING)).build();
        InsightsReport report = InsightsEngine.builder().build().analyze(input);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("1 pending, cancelled or refunded"))
                .anyMatch(n -> n.contains("MYSTERY"));
        assertThat(report.platform(Platform.ETSY).orElseThrow().orders()).isEqualTo(2);
    }

    @Test
    void syntheticHistoryIsReproducibleFromItsSeed() {
        var a = SyntheticHistory.builder().seed(9).weeks(20).build().generate().input();
        var b = SyntheticHistory.builder().seed(9).weeks(20).build().generate().input();
        var c = SyntheticHistory.builder().seed(10).weeks(20).build().generate().input();
        assertThat(a).isEqualTo(b);
        assertThat(a.orders()).isNotEqualTo(c.orders());
        assertThat(a.adSpend()).isNotEmpty();
        assertThat(a.fileUpdates()).hasSize(2);
    }
}
