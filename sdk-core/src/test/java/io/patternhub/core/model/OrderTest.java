package io.patternhub.core.model;

import static io.patternhub.core.model.Fixtures.EUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {

    @Test
    void derivedTotalsAreComputedFromTheParts() {
        Order order = Fixtures.order();
        assertThat(order.totalFees()).isEqualTo(Money.of("2.40", "EUR"));
        assertThat(order.totalRefunded()).isEqualTo(Money.of("5.00", "EUR"));
        assertThat(order.totalTax()).isEqualTo(Money.of("4.18", "EUR"));
        assertThat(order.taxCollectedBy(TaxCollector.SELLER).isZero()).isTrue();
        // 26.18 paid - 5.00 refunded - 4.18 VAT Etsy remits - 2.40 fees
        assertThat(order.net()).isEqualTo(Money.of("14.60", "EUR"));
        assertThat(order.lineItems().get(0).total()).isEqualTo(Money.of("22.00", "EUR"));
    }

    @Test
    void netRefusesFeesInAnotherCurrency() {
        Order order = Fixtures.order().withFees(
                Fee.builder().kind(FeeKind.TRANSACTION).amount(Money.of("1.00", "USD")).build());
        assertThat(order.totalFees()).isEqualTo(Money.of("1.00", "USD"));
        assertThatThrownBy(order::net).isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void discountsDefaultToZeroInTheOrderCurrency() {
        Order order = Fixtures.order().toBuilder().discountsTotal(Money.zero(EUR)).build();
        Order noDiscount = Order.builder().from(order).build();
        assertThat(noDiscount.discountsTotal().isZero()).isTrue();
        Order minimal = Order.builder().platform(Platform.WOOCOMMERCE).externalId("1")
                .createdAt(Instant.EPOCH).currency(java.util.Currency.getInstance("JPY"))
                .subtotal(Money.of("500", "JPY")).total(Money.of("500", "JPY")).status(OrderStatus.PAID).build();
        assertThat(minimal.discountsTotal()).isEqualTo(Money.of("0", "JPY"));
        assertThat(minimal.net()).isEqualTo(Money.of("500", "JPY"));
    }

    @Test
    void amountsInAnotherCurrencyAreRefused() {
        assertThatThrownBy(() -> Fixtures.order().toBuilder().total(Money.of("1", "USD")).build())
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("total");
        assertThatThrownBy(() -> Fixtures.order().toBuilder().addLineItem(LineItem.builder().title("x").quantity(1)
                .unitPrice(Money.of("1", "GBP")).build()).build())
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("lineItems");
    }

    @Test
    void missingRequiredAttributesAreTypedErrors() {
        assertThatThrownBy(() -> Order.builder().platform(Platform.ETSY).externalId("1").build())
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("createdAt").hasMessageContaining("total");
        assertThatThrownBy(() -> Order.builder().externalId(null))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("externalId");
    }

    @Test
    void invalidPartsAreRefused() {
        assertThatThrownBy(() -> LineItem.builder().title("x").quantity(0).unitPrice(Money.of("1", "EUR")).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> Refund.builder().externalId("r").amount(Money.of("-1", "EUR"))
                .createdAt(Instant.EPOCH).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> TaxLine.builder().amount(Money.of("1", "EUR")).rate(new java.math.BigDecimal("19"))
                .collectedBy(TaxCollector.SELLER).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("fraction");
        assertThatThrownBy(() -> CustomerRef.builder().platform(Platform.ETSY).build())
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> CustomerRef.builder().platform(Platform.ETSY).externalId("1").country("de").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("country");
        assertThatThrownBy(() -> Fixtures.order().withBuyer(
                CustomerRef.builder().platform(Platform.SHOPIFY).externalId("1").build()))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("buyer");
    }

    @Test
    void payoutNetIsComputedOrChecked() {
        ImmutablePayout computed = Fixtures.payout();
        assertThat(computed.net()).isEqualTo(Money.of("87.50", "EUR"));
        assertThat(computed.withNet(Money.of("87.50", "EUR"))).isEqualTo(computed);
        assertThatThrownBy(() -> computed.withNet(Money.of("90.00", "EUR")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("adjustments");
        assertThatThrownBy(() -> computed.withFees(Money.of("1", "USD")))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void patternRefusesDuplicatesAndBlankSku() {
        assertThatThrownBy(() -> Fixtures.pattern().toBuilder().addPrice(Money.of("1", "EUR")).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("two prices in EUR");
        assertThatThrownBy(() -> Fixtures.pattern().withSku(" "))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("sku");
        assertThatThrownBy(() -> Fixtures.pattern().toBuilder().addFile(Fixtures.patternFile()).build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("two files");
        assertThat(Fixtures.pattern().priceIn(java.util.Currency.getInstance("JPY"))).isEmpty();
    }

    @Test
    void listingAndFileChecks() {
        assertThatThrownBy(() -> Fixtures.listing().withPrice(Money.of("-1", "EUR")))
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> Fixtures.patternFile().withSha256("ABC"))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("sha256");
        assertThatThrownBy(() -> ListingFile.builder().externalId("f").name("a.pdf").sha256("xyz").build())
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("sha256");
        assertThatThrownBy(() -> Fixtures.patternFile().withSizeBytes(-1))
                .isInstanceOf(InvalidModelException.class);
    }
}
