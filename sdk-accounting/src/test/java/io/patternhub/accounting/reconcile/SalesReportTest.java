package io.patternhub.accounting.reconcile;

import static io.patternhub.accounting.reconcile.TestBooks.at;
import static io.patternhub.accounting.reconcile.TestBooks.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.PlatformMonth;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Refund;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class SalesReportTest {
    private static final YearMonth MAY = YearMonth.of(2026, 5);

    private static ReconcileInput input() {
        var refunded = WorkedExamplesTest.etsyDe().withExternalId("3002")
                .withRefunds(Refund.builder().externalId("R9").amount(eur("4.76")).createdAt(at("2026-05-20T10:00:00Z"))
                        .build());
        return ReconcileInput.builder().addOrder(WorkedExamplesTest.etsyDe()).addOrder(refunded)
                .addOrder(WorkedExamplesTest.shopifyFr()).addOrder(WorkedExamplesTest.shopifyDe("502",
                        "2026-05-11T08:00:00Z")).build();
    }

    @Test
    void perPlatformAndMonthWithCostPerAcquisition() {
        AdSpend ads = AdSpend.builder().add(Platform.ETSY, MAY, eur("5.00")).add(Platform.ETSY, MAY, eur("1.00"))
                .add(Platform.SHOPIFY, MAY, eur("10.00")).build();

        SalesReport report = TestBooks.engine(FxRates.none()).report(input(), ads);

        PlatformMonth etsy = report.row(Platform.ETSY, MAY, "EUR").orElseThrow();
        // Two 8.00 sales; one half refunded: 4.76 of which 0.76 is Etsy's VAT share (4.76 * 1.52 / 9.52).
        assertThat(etsy.orders()).isEqualTo(2);
        assertThat(etsy.gross()).isEqualTo(eur("16.00"));
        assertThat(etsy.refunds()).isEqualTo(eur("4.00"));
        assertThat(etsy.fees(FeeKind.TRANSACTION)).isEqualTo(eur("1.04"));
        assertThat(etsy.fees(FeeKind.PAYMENT_PROCESSING)).isEqualTo(eur("1.16"));
        assertThat(etsy.feeTax()).isEqualTo(eur("0.42"));
        assertThat(etsy.marketplaceTax()).isEqualTo(eur("2.28")); // 3.04 collected less 0.76 given back
        assertThat(etsy.sellerTax()).isEqualTo(eur("0.00"));
        // 2 * 6.69 deposit-equivalent less the 4.00 the seller refunds
        assertThat(etsy.net()).isEqualTo(eur("9.38"));
        assertThat(etsy.adSpend()).hasValue(eur("6.00"));
        assertThat(etsy.costPerAcquisition()).hasValue(eur("3.00"));

        PlatformMonth shopify = report.row(Platform.SHOPIFY, MAY, "EUR").orElseThrow();
        assertThat(shopify.gross()).isEqualTo(eur("20.20"));
        assertThat(shopify.discounts()).isEqualTo(eur("1.20"));
        assertThat(shopify.sellerTax()).isEqualTo(eur("3.70"));
        assertThat(shopify.totalFees()).isEqualTo(eur("1.16"));
        assertThat(shopify.net()).isEqualTo(eur("21.54"));
        assertThat(shopify.costPerAcquisition()).hasValue(eur("5.00"));
    }

    @Test
    void adSpendInAMonthWithoutSalesHasNoCostPerAcquisition() {
        SalesReport report = TestBooks.engine(FxRates.none()).report(input(),
                AdSpend.builder().add(Platform.ETSY, YearMonth.of(2026, 6), Money.of("3.00", "EUR")).build());

        PlatformMonth june = report.row(Platform.ETSY, YearMonth.of(2026, 6), "EUR").orElseThrow();
        assertThat(june.orders()).isZero();
        assertThat(june.adSpend()).hasValue(eur("3.00"));
        assertThat(june.costPerAcquisition()).isEmpty();
    }

    @Test
    void csvExport() {
        SalesReport report = TestBooks.engine(FxRates.none()).report(input(),
                AdSpend.builder().add(Platform.SHOPIFY, MAY, eur("10.00")).build());

        String[] lines = report.toCsv().split("\r\n");

        assertThat(lines[0]).isEqualTo("platform,month,currency,orders,gross,discounts,refunds,fees_transaction,"
                + "fees_payment_processing,fees_listing,fees_ads,fees_currency_conversion,fees_other,fee_tax,"
                + "seller_tax,marketplace_tax,net,ad_spend,cost_per_acquisition");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).isEqualTo("Etsy,2026-05,EUR,2,16.00,0.00,4.00,1.04,1.16,0.00,0.00,0.00,0.00,0.42,0.00,"
                + "2.28,9.38,,");
        assertThat(lines[2]).isEqualTo("Shopify,2026-05,EUR,2,20.20,1.20,0.00,0.00,1.16,0.00,0.00,0.00,0.00,0.00,"
                + "3.70,0.00,21.54,10.00,5.00");
    }
}
