package io.patternhub.hub.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CPA, ROAS, margin, revenue and fees against numbers worked out by hand. */
class AdPerformanceTest {
    private static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);
    private static final Currency EUR = Currency.getInstance("EUR");

    private InsightsReport report() {
        Shop shop = new Shop();
        // Etsy: four paid orders of 10.00 with 1.00 + 0.50 fees; a cancelled one does not count.
        for (int day : new int[] {5, 10, 15, 20}) {
            shop.sell(Platform.ETSY, JAN1.plusDays(day - 1), "TEE", "10.00", "EUR", "1.00", "0.50");
        }
        shop.add(Platform.ETSY, JAN1.plusDays(21), "TEE", "10.00", "EUR", OrderStatus.CANCELLED, null);
        // Shopify in USD at 0.9: 20.00 USD = 18.00 EUR each, fee 1.00 USD = 0.90 EUR each.
        shop.sell(Platform.SHOPIFY, JAN1.plusDays(2), "TEE", "20.00", "USD", "1.00");
        shop.sell(Platform.SHOPIFY, JAN1.plusDays(24), "TEE", "20.00", "USD", "1.00");
        // Ravelry: 8.00 partly refunded by 2.00, no ad spend.
        shop.add(Platform.RAVELRY, JAN1.plusDays(7), "TEE", "8.00", "EUR", OrderStatus.PARTIALLY_REFUNDED, "2.00");
        InsightsInput input = InsightsInput.builder()
                .currency(EUR)
                .putRatesToReportingCurrency(Currency.getInstance("USD"), new BigDecimal("0.9"))
                .orders(shop.orders())
                .addPattern(Shop.pattern("TEE", "Tee", Craft.SEWING, "tee"))
                .addAdSpend(AdSpendEntry.of(Platform.ETSY, JAN1, LocalDate.of(2026, 1, 31), Money.of("31.00", "EUR")))
                // 30 days, of which 15 (Jan 1-15) fall in the window: 30.00 counts.
                .addAdSpend(AdSpendEntry.of(Platform.SHOPIFY, LocalDate.of(2025, 12, 17), LocalDate.of(2026, 1, 15),
                        Money.of("60.00", "EUR")))
                .addAdSpend(AdSpendEntry.of(Platform.WOOCOMMERCE, JAN1, LocalDate.of(2026, 1, 31), Money.of("5.00", "EUR")))
                .build();
        InsightsSettings settings = InsightsSettings.builder().startDate(JAN1).endDate(LocalDate.of(2026, 1, 31)).build();
        return InsightsEngine.builder().settings(settings).build().analyze(input);
    }

    @Test
    void etsyCpaRoasAndMarginMatchHandCalculation() {
        PlatformSummary etsy = report().platform(Platform.ETSY).orElseThrow();
        assertThat(etsy.orders()).isEqualTo(4);
        assertThat(etsy.revenue()).isEqualTo(Money.of("40.00", "EUR"));
        assertThat(etsy.fees()).isEqualTo(Money.of("6.00", "EUR"));
        assertThat(etsy.adSpend()).isEqualTo(Money.of("31.00", "EUR"));
        assertThat(etsy.attributedOrders()).isEqualTo(4);
        assertThat(etsy.cpa()).contains(Money.of("7.75", "EUR"));          // 31.00 / 4
        assertThat(etsy.roas()).contains(new BigDecimal("1.29"));          // 40.00 / 31.00
        assertThat(etsy.marginPerOrder()).contains(Money.of("8.50", "EUR")); // (40.00 - 6.00) / 4
    }

    @Test
    void shopifySpendIsProratedConvertedAndOnlyCoveredDaysAttributed() {
        PlatformSummary shopify = report().platform(Platform.SHOPIFY).orElseThrow();
        assertThat(shopify.orders()).isEqualTo(2);
        assertThat(shopify.revenue()).isEqualTo(Money.of("36.00", "EUR"));
        assertThat(shopify.fees()).isEqualTo(Money.of("1.80", "EUR"));
        assertThat(shopify.adSpend()).isEqualTo(Money.of("30.00", "EUR"));
        assertThat(shopify.attributedOrders()).isEqualTo(1);                // Jan 3 covered, Jan 25 not
        assertThat(shopify.cpa()).contains(Money.of("30.00", "EUR"));
        assertThat(shopify.roas()).contains(new BigDecimal("0.60"));        // 18.00 / 30.00
        assertThat(shopify.marginPerOrder()).contains(Money.of("17.10", "EUR")); // (36.00 - 1.80) / 2
    }

    @Test
    void platformsWithoutSpendHaveNoCpaAndRefundsReduceRevenue() {
        InsightsReport report = report();
        PlatformSummary ravelry = report.platform(Platform.RAVELRY).orElseThrow();
        assertThat(ravelry.revenue()).isEqualTo(Money.of("6.00", "EUR"));
        assertThat(ravelry.adSpend().isZero()).isTrue();
        assertThat(ravelry.cpa()).isEmpty();
        assertThat(ravelry.roas()).isEmpty();
        PlatformSummary woo = report.platform(Platform.WOOCOMMERCE).orElseThrow();
        assertThat(woo.orders()).isZero();
        assertThat(woo.cpa()).isEmpty();
        assertThat(woo.roas()).contains(new BigDecimal("0.00"));
    }

    @Test
    void spendThatCostsMoreThanTheMarginOrBuysNothingIsFlagged() {
        InsightsReport report = report();
        assertThat(report.recommendations())
                .filteredOn(r -> r.kind() == RecommendationKind.REVIEW_AD_SPEND)
                .extracting(Recommendation::subject)
                .containsExactlyInAnyOrder("Shopify", "WooCommerce");
        assertThat(report.recommendations()).filteredOn(r -> r.subject().equals("Shopify")).first()
                .extracting(Recommendation::reason).asString().contains("30.00 EUR").contains("17.10 EUR");
        assertThat(report.recommendations()).noneMatch(r -> r.subject().equals("Etsy")
                && r.kind() == RecommendationKind.REVIEW_AD_SPEND);
    }

    @Test
    void anOrderInACurrencyWithoutRateIsATypedError() {
        Shop shop = new Shop().sell(Platform.ETSY, JAN1, "TEE", "5.00", "GBP");
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders()).build();
        assertThatThrownBy(() -> InsightsEngine.builder().build().analyze(input))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("GBP");
    }

    @Test
    void adSpendInACurrencyWithoutRateIsATypedError() {
        Shop shop = new Shop().sell(Platform.ETSY, JAN1, "TEE", "5.00", "EUR");
        InsightsInput input = InsightsInput.builder().currency(EUR).orders(shop.orders())
                .addAdSpend(AdSpendEntry.of(Platform.ETSY, JAN1, JAN1, Money.of("3.00", "USD"))).build();
        assertThatThrownBy(() -> InsightsEngine.builder().build().analyze(input))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USD");
    }

    @Test
    void rowForEveryPlatformWithSalesOrSpend() {
        assertThat(report().platforms()).extracting(PlatformSummary::platform)
                .containsExactly(Platform.ETSY, Platform.SHOPIFY, Platform.RAVELRY, Platform.WOOCOMMERCE);
        assertThat(report().platform(Platform.CSV)).isEqualTo(Optional.empty());
    }
}
