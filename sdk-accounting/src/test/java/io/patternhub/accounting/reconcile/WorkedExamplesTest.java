package io.patternhub.accounting.reconcile;

import static io.patternhub.accounting.reconcile.TestBooks.at;
import static io.patternhub.accounting.reconcile.TestBooks.buyer;
import static io.patternhub.accounting.reconcile.TestBooks.dec;
import static io.patternhub.accounting.reconcile.TestBooks.describe;
import static io.patternhub.accounting.reconcile.TestBooks.eur;
import static io.patternhub.accounting.reconcile.TestBooks.fee;
import static io.patternhub.accounting.reconcile.TestBooks.line;
import static io.patternhub.accounting.reconcile.TestBooks.tax;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked journals, one scenario per channel. The arithmetic is spelled out in each test. */
class WorkedExamplesTest {

    // Etsy, buyer in Germany: 8.00 EUR pattern, Etsy adds and remits 19 % VAT (1.52).
    // Fees: transaction 0.52 + VAT 0.10, payment processing 0.58 + VAT 0.11.
    // Deposit = 9.52 - 1.52 - 0.52 - 0.10 - 0.58 - 0.11 = 6.69.
    static io.patternhub.core.model.ImmutableOrder etsyDe() {
        return Order.builder().platform(Platform.ETSY).externalId("3001").createdAt(at("2026-05-03T10:00:00Z"))
                .buyer(buyer(Platform.ETSY, "DE")).currency(Currency.getInstance("EUR"))
                .addLineItem(line("8.00", "EUR")).subtotal(eur("8.00")).total(eur("9.52"))
                .addTax(tax("1.52", "EUR", "DE", TaxCollector.MARKETPLACE))
                .addFee(fee(FeeKind.TRANSACTION, "0.52", "0.10", "EUR"))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.58", "0.11", "EUR"))
                .payoutReference("P1").status(OrderStatus.PAID).build();
    }

    @Test
    void etsyWithMarketplaceVat() {
        Payout payout = Payout.builder().platform(Platform.ETSY).externalId("P1").currency(Currency.getInstance("EUR"))
                .periodStart(at("2026-05-01T00:00:00Z")).periodEnd(at("2026-05-27T23:59:59Z"))
                .arrivalDate(LocalDate.parse("2026-05-28")).gross(eur("8.00")).fees(eur("1.31"))
                .addOrderId("3001").status(PayoutStatus.PAID).build();
        assertThat(payout.net()).isEqualTo(eur("6.69"));
        ReconcileInput input = ReconcileInput.builder().addOrder(etsyDe()).addPayout(payout).build();

        List<Journal> journals = TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_PAYOUT).journals();

        assertThat(journals).hasSize(1);
        Journal j = journals.get(0);
        assertThat(j.reference()).isEqualTo("PH-ETSY-PAYOUT-P1-2026-05");
        assertThat(j.date()).isEqualTo(LocalDate.parse("2026-05-28"));
        // Sales are net of the VAT Etsy collected; the VAT passes through 825 and nets to zero there:
        // it is not the seller's liability. VAT on Etsy's fees is input tax (820).
        assertThat(describe(j)).containsExactly(
                "C 200 8.00 NONE 1.52",
                "D 404 0.52",
                "D 405 0.58",
                "D 820 0.21",
                "C 825 1.52 NONE",
                "D 825 1.52 NONE",
                "D 090 6.69");
        assertThat(j.totalDebits()).isEqualTo(eur("9.52")).isEqualTo(j.totalCredits());
    }

    // Shopify, seller-owed VAT at the buyer country's rate (EU OSS), tax-inclusive prices, Shopify Payments fees.
    // S1, France: 12.00 incl. 20 % VAT, 10 % discount (1.20) -> paid 10.80, VAT 10.80/1.2*0.2 = 1.80, fee 0.56.
    //   sales = total - tax + discounts = 10.80 - 1.80 + 1.20 = 10.20; clearing = 10.80 - 0.56 = 10.24.
    // S2, Germany: 11.90 incl. 19 % VAT (1.90), fee 0.60; sales 10.00; clearing 11.30.
    static Order shopifyFr() {
        LineItem discounted = line("12.00", "EUR").toBuilder().discount(eur("1.20")).build();
        return Order.builder().platform(Platform.SHOPIFY).externalId("gid://shopify/Order/501")
                .orderNumber("#1001").createdAt(at("2026-05-10T09:00:00Z")).buyer(buyer(Platform.SHOPIFY, "FR"))
                .currency(Currency.getInstance("EUR")).addLineItem(discounted).subtotal(eur("10.80"))
                .discountsTotal(eur("1.20")).total(eur("10.80"))
                .addTax(tax("1.80", "EUR", "FR", TaxCollector.SELLER))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.56", null, "EUR")).status(OrderStatus.PAID).build();
    }

    static Order shopifyDe(String id, String createdAt) {
        return Order.builder().platform(Platform.SHOPIFY).externalId(id).createdAt(at(createdAt))
                .buyer(buyer(Platform.SHOPIFY, "DE")).currency(Currency.getInstance("EUR"))
                .addLineItem(line("11.90", "EUR")).subtotal(eur("11.90")).total(eur("11.90"))
                .addTax(tax("1.90", "EUR", "DE", TaxCollector.SELLER))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.60", null, "EUR")).status(OrderStatus.PAID).build();
    }

    @Test
    void shopifyWithSellerOwedVatPerOrder() {
        Payout payout = Payout.builder().platform(Platform.SHOPIFY).externalId("SP1")
                .currency(Currency.getInstance("EUR")).arrivalDate(LocalDate.parse("2026-05-12"))
                .gross(eur("10.80")).fees(eur("0.56")).addOrderId("gid://shopify/Order/501")
                .status(PayoutStatus.PAID).build();
        ReconcileInput input = ReconcileInput.builder().addOrder(shopifyFr()).addPayout(payout).build();

        List<Journal> journals = TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_ORDER).journals();

        assertThat(journals).extracting(Journal::reference)
                .containsExactly("PH-SHOPIFY-ORDER-501-2026-05", "PH-SHOPIFY-SETTLE-SP1-2026-05");
        Journal sale = journals.get(0);
        assertThat(sale.date()).isEqualTo(LocalDate.parse("2026-05-10"));
        assertThat(sale.memo()).hasValue("Shopify order #1001");
        assertThat(describe(sale)).containsExactly(
                "C 201 10.20 OSS-FR 1.80",
                "D 211 1.20 OSS-FR",
                "D 415 0.56",
                "C 826 1.80 OSS-FR",
                "D 611 10.24");
        assertThat(describe(journals.get(1))).containsExactly("D 611 10.24".replace('D', 'C'), "D 090 10.24");
    }

    @Test
    void shopifyWithSellerOwedVatPerPayout() {
        Payout payout = Payout.builder().platform(Platform.SHOPIFY).externalId("SP1")
                .currency(Currency.getInstance("EUR")).arrivalDate(LocalDate.parse("2026-05-12"))
                .gross(eur("22.70")).fees(eur("1.16")).addOrderId("gid://shopify/Order/501").addOrderId("502")
                .status(PayoutStatus.PAID).build();
        assertThat(payout.net()).isEqualTo(eur("21.54"));
        ReconcileInput input = ReconcileInput.builder().addOrder(shopifyFr())
                .addOrder(shopifyDe("502", "2026-05-11T08:00:00Z")).addPayout(payout).build();

        List<Journal> journals = TestBooks.engine(FxRates.none()).reconcile(input, PostingMode.PER_PAYOUT).journals();

        assertThat(journals).singleElement().satisfies(j -> {
            assertThat(j.reference()).isEqualTo("PH-SHOPIFY-PAYOUT-SP1-2026-05");
            // One sales line and one OSS liability per buyer country, each at that country's code.
            assertThat(describe(j)).containsExactly(
                    "C 201 10.00 OSS-DE 1.90",
                    "C 201 10.20 OSS-FR 1.80",
                    "D 211 1.20 OSS-FR",
                    "D 415 1.16",
                    "C 826 1.90 OSS-DE",
                    "C 826 1.80 OSS-FR",
                    "D 090 21.54");
        });
    }

    // Shopify order on 29 April (11.90 incl. 1.90 VAT, fee 0.60), half refunded on 2 May (5.95).
    // The refund carries back its share of VAT: 5.95 * 1.90 / 11.90 = 0.95, so refunds 5.00 + VAT 0.95.
    // The payout runs 27 April to 3 May and arrives 4 May: deposit 11.90 - 0.60 - 5.95 = 5.35.
    // It splits at month end: April part banks 11.30, May part takes back 5.95; 11.30 - 5.95 = 5.35.
    static ReconcileInput refundAcrossMonthEnd() {
        Order order = shopifyDe("503", "2026-04-29T15:00:00Z").toBuilder()
                .addRefund(Refund.builder().externalId("R1").amount(eur("5.95")).createdAt(at("2026-05-02T12:00:00Z"))
                        .build())
                .status(OrderStatus.PARTIALLY_REFUNDED).build();
        Payout payout = Payout.builder().platform(Platform.SHOPIFY).externalId("SP2")
                .currency(Currency.getInstance("EUR")).periodStart(at("2026-04-27T00:00:00Z"))
                .periodEnd(at("2026-05-03T23:59:59Z")).arrivalDate(LocalDate.parse("2026-05-04"))
                .gross(eur("11.90")).fees(eur("0.60")).refunds(eur("5.95")).addOrderId("503")
                .status(PayoutStatus.PAID).build();
        return ReconcileInput.builder().addOrder(order).addPayout(payout).build();
    }

    @Test
    void refundAcrossMonthEndPerPayoutSplitsAtMonthEnd() {
        List<Journal> journals = TestBooks.engine(FxRates.none())
                .reconcile(refundAcrossMonthEnd(), PostingMode.PER_PAYOUT).journals();

        assertThat(journals).extracting(Journal::reference)
                .containsExactly("PH-SHOPIFY-PAYOUT-SP2-2026-04", "PH-SHOPIFY-PAYOUT-SP2-2026-05");
        assertThat(journals).extracting(Journal::date)
                .containsExactly(LocalDate.parse("2026-04-30"), LocalDate.parse("2026-05-04"));
        assertThat(describe(journals.get(0))).containsExactly(
                "C 201 10.00 OSS-DE 1.90",
                "D 415 0.60",
                "C 826 1.90 OSS-DE",
                "D 090 11.30");
        assertThat(describe(journals.get(1))).containsExactly(
                "D 221 5.00 OSS-DE 0.95",
                "D 826 0.95 OSS-DE",
                "C 090 5.95");
    }

    @Test
    void refundAcrossMonthEndPerOrderAndPeriodFilter() {
        ReconcileResult may = TestBooks.engine(FxRates.none())
                .reconcile(refundAcrossMonthEnd(), PostingMode.PER_ORDER, YearMonth.of(2026, 5));

        assertThat(may.journals()).extracting(Journal::reference)
                .containsExactly("PH-SHOPIFY-REFUND-503-R1-2026-05", "PH-SHOPIFY-SETTLE-SP2-2026-05");
        assertThat(describe(may.journals().get(0))).containsExactly(
                "D 221 5.00 OSS-DE 0.95",
                "D 826 0.95 OSS-DE",
                "C 611 5.95");
        ReconcileResult april = TestBooks.engine(FxRates.none())
                .reconcile(refundAcrossMonthEnd(), PostingMode.PER_ORDER, YearMonth.of(2026, 4));
        assertThat(april.journals()).extracting(Journal::reference).containsExactly("PH-SHOPIFY-ORDER-503-2026-04");
    }

    // Etsy shop in the UK selling to US buyers: orders in USD, fees and payout in GBP.
    // E2: 10.00 USD + 0.80 US sales tax Etsy collects; Etsy's rate 0.7893.
    //     sales 10.00 * 0.7893 = 7.893 -> 7.89; tax 0.80 * 0.7893 = 0.63144 -> 0.63.
    //     fees 0.41 + VAT 0.08, 0.35 + VAT 0.07 GBP.
    // E3: 15.00 USD, rate 0.7901: 11.8515 -> 11.85. Fees 0.62 + VAT 0.12, 0.55 + VAT 0.11 GBP.
    // Fees 1.93 + VAT 0.38 = 2.31. Etsy converts unrounded: 7.893 + 11.8515 - 2.31 = 17.4345 -> deposit 17.44
    // (Etsy rounded up). Booked at the platform's rates: 7.89 + 11.85 - 2.31 = 17.43, so 0.01 is rounding.
    static ReconcileInput multiCurrency(String deposit) {
        Currency gbp = Currency.getInstance("GBP");
        Order e2 = Order.builder().platform(Platform.ETSY).externalId("4002").createdAt(at("2026-05-06T18:00:00Z"))
                .buyer(buyer(Platform.ETSY, "US")).currency(Currency.getInstance("USD"))
                .addLineItem(line("10.00", "USD")).subtotal(Money.of("10.00", "USD")).total(Money.of("10.80", "USD"))
                .addTax(tax("0.80", "USD", "US", TaxCollector.MARKETPLACE))
                .addFee(fee(FeeKind.TRANSACTION, "0.41", "0.08", "GBP"))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.35", "0.07", "GBP")).status(OrderStatus.PAID).build();
        Order e3 = Order.builder().platform(Platform.ETSY).externalId("4003").createdAt(at("2026-05-07T18:00:00Z"))
                .buyer(buyer(Platform.ETSY, "US")).currency(Currency.getInstance("USD"))
                .addLineItem(line("15.00", "USD")).subtotal(Money.of("15.00", "USD")).total(Money.of("15.00", "USD"))
                .addFee(fee(FeeKind.TRANSACTION, "0.62", "0.12", "GBP"))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.55", "0.11", "GBP")).status(OrderStatus.PAID).build();
        Money net = Money.of(deposit, "GBP");
        Money fees = Money.of("2.31", "GBP");
        Payout payout = Payout.builder().platform(Platform.ETSY).externalId("P9").currency(gbp)
                .periodStart(at("2026-05-01T00:00:00Z")).periodEnd(at("2026-05-14T23:59:59Z"))
                .arrivalDate(LocalDate.parse("2026-05-15")).gross(net.plus(fees)).fees(fees)
                .addOrderId("4002").addOrderId("4003").status(PayoutStatus.PAID).build();
        return ReconcileInput.builder().addOrder(e2).addOrder(e3).addPayout(payout).build();
    }

    static FxRates etsyRates() {
        Currency usd = Currency.getInstance("USD");
        Currency gbp = Currency.getInstance("GBP");
        return FxRates.builder().orderRate(Platform.ETSY, "4002", usd, gbp, dec("0.7893"))
                .orderRate(Platform.ETSY, "4003", usd, gbp, dec("0.7901")).build();
    }

    @Test
    void multiCurrencyPayoutPostsAtThePlatformRateWithRounding() {
        List<Journal> journals = TestBooks.engine(etsyRates())
                .reconcile(multiCurrency("17.44"), PostingMode.PER_PAYOUT).journals();

        assertThat(journals).singleElement().satisfies(j -> {
            assertThat(j.reference()).isEqualTo("PH-ETSY-PAYOUT-P9-2026-05");
            assertThat(j.currency().getCurrencyCode()).isEqualTo("GBP");
            assertThat(describe(j)).containsExactly(
                    "C 200 19.74 NONE 0.63",
                    "D 404 1.03",
                    "D 405 0.90",
                    "D 820 0.38",
                    "C 825 0.63 NONE",
                    "D 825 0.63 NONE",
                    "D 090 17.44",
                    "C 860 0.01");
            assertThat(j.totalDebits()).isEqualTo(Money.of("20.38", "GBP")).isEqualTo(j.totalCredits());
        });
    }

    @Test
    void multiCurrencyDifferenceBeyondRoundingGoesToFxGainsAndLosses() {
        // Etsy paid 17.10: 0.33 less than its own rates explain, an exchange loss.
        List<Journal> journals = TestBooks.engine(etsyRates())
                .reconcile(multiCurrency("17.10"), PostingMode.PER_PAYOUT).journals();

        assertThat(describe(journals.get(0))).contains("D 090 17.10", "D 861 0.33").doesNotContain("C 860 0.01");
    }

    @Test
    void multiCurrencyPerOrderPostsInTheOrderCurrencyAndFeesInTheirOwn() {
        List<Journal> journals = TestBooks.engine(etsyRates())
                .reconcile(multiCurrency("17.44"), PostingMode.PER_ORDER).journals();

        assertThat(journals).extracting(Journal::reference).containsExactly(
                "PH-ETSY-ORDER-4002-2026-05", "PH-ETSY-ORDER-4002-2026-05-GBP",
                "PH-ETSY-ORDER-4003-2026-05", "PH-ETSY-ORDER-4003-2026-05-GBP",
                "PH-ETSY-SETTLE-P9-2026-05");
        assertThat(describe(journals.get(0))).containsExactly(
                "C 200 10.00 NONE 0.80", "C 825 0.80 NONE", "D 825 0.80 NONE", "D 610 10.00");
        assertThat(journals.get(0).currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(describe(journals.get(1))).containsExactly("D 404 0.41", "D 405 0.35", "D 820 0.15", "C 610 0.91");
        assertThat(describe(journals.get(4))).containsExactly("C 610 17.44", "D 090 17.44");
    }

    // Etsy, buyer in Germany: 9.52 EUR incl. 1.52 VAT Etsy remits, processing fee 0.58, sold 3 May and
    // paid out in P1 (deposit 9.52 - 1.52 - 0.58 = 7.42). Half refunded on 5 June (4.76, carrying back
    // 4.76 * 1.52 / 9.52 = 0.76 VAT), and Etsy gives back half the fee (0.29) with it: both in June's P2,
    // with a June sale of 11.90 incl. 1.90 VAT, fee 0.60. P2 = (11.90 - 1.90 - 0.60) - (4.76 - 0.76) + 0.29 = 5.69.
    static ReconcileInput etsyRefundInLaterPayout() {
        Order may = etsyDe().toBuilder().fees(List.of(fee(FeeKind.PAYMENT_PROCESSING, "0.58", null, "EUR"),
                        fee(FeeKind.PAYMENT_PROCESSING, "-0.29", null, "EUR").toBuilder().refundId("R1").build()))
                .addRefund(Refund.builder().externalId("R1").amount(eur("4.76")).createdAt(at("2026-06-05T12:00:00Z"))
                        .build())
                .status(OrderStatus.PARTIALLY_REFUNDED).build();
        Order june = Order.builder().platform(Platform.ETSY).externalId("3002").createdAt(at("2026-06-08T10:00:00Z"))
                .buyer(buyer(Platform.ETSY, "DE")).currency(Currency.getInstance("EUR"))
                .addLineItem(line("10.00", "EUR")).subtotal(eur("10.00")).total(eur("11.90"))
                .addTax(tax("1.90", "EUR", "DE", TaxCollector.MARKETPLACE))
                .addFee(fee(FeeKind.PAYMENT_PROCESSING, "0.60", null, "EUR")).status(OrderStatus.PAID).build();
        Payout p1 = Payout.builder().platform(Platform.ETSY).externalId("P1").currency(Currency.getInstance("EUR"))
                .periodStart(at("2026-05-03T10:00:00Z")).periodEnd(at("2026-05-20T06:00:00Z"))
                .gross(eur("8.00")).fees(eur("0.58")).addOrderId("3001").status(PayoutStatus.PAID).build();
        Payout p2 = Payout.builder().platform(Platform.ETSY).externalId("P2").currency(Currency.getInstance("EUR"))
                .periodStart(at("2026-06-05T12:00:00Z")).periodEnd(at("2026-06-20T06:00:00Z"))
                .gross(eur("10.00")).fees(eur("0.31")).refunds(eur("4.00")).addOrderIds("3001", "3002")
                .status(PayoutStatus.PAID).build();
        return ReconcileInput.builder().addOrders(List.of(may, june)).addPayouts(List.of(p1, p2)).build();
    }

    @Test
    void etsyRefundAndItsFeeCreditSettleInTheLaterPayout() {
        ReconcileResult result = TestBooks.engine(FxRates.none())
                .reconcile(etsyRefundInLaterPayout(), PostingMode.PER_PAYOUT);

        assertThat(result.unsettled()).isEmpty();
        assertThat(result.journals()).extracting(Journal::reference)
                .containsExactly("PH-ETSY-PAYOUT-P1-2026-05", "PH-ETSY-PAYOUT-P2-2026-06");
        assertThat(describe(result.journals().get(0))).containsExactly(
                "C 200 8.00 NONE 1.52", "D 405 0.58", "C 825 1.52 NONE", "D 825 1.52 NONE", "D 090 7.42");
        // the fee given back is booked with the refund, in June: 0.60 charged - 0.29 given back = 0.31;
        // marketplace VAT passes through 825 net of the refund's share: 1.90 - 0.76 = 1.14 in and out
        assertThat(describe(result.journals().get(1))).containsExactly(
                "C 200 10.00 NONE 1.90", "D 220 4.00 NONE 0.76", "D 405 0.31", "C 825 1.14 NONE",
                "D 825 1.14 NONE", "D 090 5.69");
    }

    @Test
    void etsyFeeCreditIsPartOfTheRefundJournalPerOrder() {
        ReconcileResult june = TestBooks.engine(FxRates.none())
                .reconcile(etsyRefundInLaterPayout(), PostingMode.PER_ORDER, YearMonth.of(2026, 6));

        Journal refund = june.journals().stream().filter(j -> j.reference().startsWith("PH-ETSY-REFUND-3001-"))
                .findFirst().orElseThrow();
        assertThat(describe(refund)).contains("C 405 0.29", "D 220 4.00 NONE 0.76");
        assertThat(refund.totalDebits()).isEqualTo(refund.totalCredits());
        ReconcileResult may = TestBooks.engine(FxRates.none())
                .reconcile(etsyRefundInLaterPayout(), PostingMode.PER_ORDER, YearMonth.of(2026, 5));
        Journal sale = may.journals().stream().filter(j -> j.reference().startsWith("PH-ETSY-ORDER-3001-"))
                .findFirst().orElseThrow();
        assertThat(describe(sale)).contains("D 405 0.58").doesNotContain("C 405 0.29");
    }
}
