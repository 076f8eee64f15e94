package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Orders keep their fees, taxes, refunds, discounts and payout reference, and come back equal. */
class OrderMoneyStoreTest {
    static final Instant T0 = Instant.parse("2026-04-28T09:00:00Z");

    /** An order with every money part: two fee kinds (one taxed, one in the seller's currency, one given back on a refund), taxes of both collectors, two refunds. */
    static Order fullOrder() {
        return Order.builder().platform(Platform.ETSY).externalId("3001").orderNumber("#3001").createdAt(T0)
                .updatedAt(T0.plusSeconds(3600))
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("buyer-9").email("ann@example.com")
                        .name("Ann").country("DE").build())
                .addLineItems(LineItem.builder().externalId("tx-1").sku("PH-SEW-001").listingExternalId("L-1")
                                .title("Wrap dress").quantity(2).unitPrice(Money.of("12.50", "EUR"))
                                .discount(Money.of("2.50", "EUR")).build(),
                        LineItem.builder().sku("PH-KNT-002").title("Socks").quantity(1)
                                .unitPrice(Money.of("6.00", "EUR")).build())
                .currency(Currency.getInstance("EUR"))
                .discountsTotal(Money.of("3.50", "EUR"))
                .subtotal(Money.of("28.50", "EUR"))
                .total(Money.of("30.93", "EUR"))
                .addTaxes(TaxLine.builder().amount(Money.of("4.93", "EUR")).rate(new BigDecimal("0.190"))
                                .country("DE").collectedBy(TaxCollector.MARKETPLACE).title("VAT collected by Etsy").build(),
                        TaxLine.builder().amount(Money.of("1.00", "EUR")).country("US").region("CA")
                                .collectedBy(TaxCollector.SELLER).build())
                .addFees(Fee.builder().kind(FeeKind.TRANSACTION).amount(Money.of("1.69", "USD"))
                                .tax(Money.of("0.32", "USD")).description("Transaction fee").build(),
                        Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(Money.of("1.18", "USD")).build(),
                        Fee.builder().kind(FeeKind.OTHER).amount(Money.of("-0.05", "USD")).description("fee credit")
                                .refundId("r-1").build())
                .addRefunds(Refund.builder().externalId("r-1").amount(Money.of("5.00", "EUR"))
                                .createdAt(T0.plusSeconds(600)).reason("wrong size").addLineRefs("tx-1").build(),
                        Refund.builder().externalId("r-2").amount(Money.of("1.25", "EUR"))
                                .createdAt(T0.plusSeconds(1200)).build())
                .payoutReference("payout-77")
                .status(OrderStatus.PARTIALLY_REFUNDED)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anOrderWithFeesTaxesRefundsAndDiscountsReadsBackEqual(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            Order original = fullOrder();
            assertThat(ingest.ingest(original, "e1")).isEqualTo(OrderIngest.Outcome.CREATED);

            Orders orders = new Orders(store);
            assertThat(orders.findOrder(Platform.ETSY, "3001")).contains(original);
            Order back = orders.findOrder(Platform.ETSY, "3001").orElseThrow();
            assertThat(back.taxCollectedBy(TaxCollector.MARKETPLACE)).isEqualTo(Money.of("4.93", "EUR"));
            assertThat(back.totalFees()).isEqualTo(Money.of("2.82", "USD"));
            assertThat(back.taxes().get(0).rate()).contains(new BigDecimal("0.190"));
            assertThat(orders.findOrder(Platform.ETSY, "nope")).isEmpty();
            // the V2 record still carries the refunded total
            assertThat(orders.find(Platform.ETSY, "3001").orElseThrow().totalRefunded()).isEqualTo(Money.of("6.25", "EUR"));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMinimalOrderReadsBackEqualWithDefaults(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            Order bare = Order.builder().platform(Platform.CSV).externalId("c-1").createdAt(T0)
                    .currency(Currency.getInstance("JPY")).subtotal(Money.of("500", "JPY")).total(Money.of("500", "JPY"))
                    .status(OrderStatus.PAID).build();
            OrderIngest.builder(store).build().ingest(bare, null);
            assertThat(new Orders(store).findOrder(Platform.CSV, "c-1")).contains(bare);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void reIngestingAnUpdatedOrderReplacesItsMoneyRowsWithoutDuplicates(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            Order first = fullOrder();
            ingest.ingest(first, "e1");
            // the same snapshot again changes nothing and duplicates nothing
            assertThat(ingest.ingest(first, "e1")).isEqualTo(OrderIngest.Outcome.UPDATED);
            assertThat(rows(store, "order_refunds")).isEqualTo(2);

            Order later = first.toBuilder().updatedAt(T0.plusSeconds(7200)).status(OrderStatus.REFUNDED)
                    .addRefunds(Refund.builder().externalId("r-3").amount(Money.of("24.68", "EUR"))
                            .createdAt(T0.plusSeconds(7000)).build())
                    .fees(List.of(Fee.builder().kind(FeeKind.TRANSACTION).amount(Money.of("0.40", "USD")).build()))
                    .build();
            assertThat(ingest.ingest(later, "e2")).isEqualTo(OrderIngest.Outcome.STATUS_CHANGED);
            Orders orders = new Orders(store);
            assertThat(orders.findOrder(Platform.ETSY, "3001")).contains(later);
            assertThat(rows(store, "order_refunds")).isEqualTo(3);
            assertThat(rows(store, "order_fees")).isEqualTo(1);
            assertThat(rows(store, "order_taxes")).isEqualTo(2);

            // an older snapshot arriving late is stale and leaves the newer rows alone
            assertThat(ingest.ingest(first, "e1-late")).isEqualTo(OrderIngest.Outcome.STALE);
            assertThat(orders.findOrder(Platform.ETSY, "3001")).contains(later);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void activeOrdersIncludeOldOrdersRefundedInTheWindow(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            Order old = fullOrder(); // placed 28 April, refunds the same day
            Order refundedInJune = old.toBuilder().externalId("3002").updatedAt(Instant.parse("2026-06-02T00:00:00Z"))
                    .refunds(List.of(Refund.builder().externalId("r-9").amount(Money.of("1.00", "EUR"))
                            .createdAt(Instant.parse("2026-06-01T12:00:00Z")).build())).build();
            ingest.ingest(old, null);
            ingest.ingest(refundedInJune, null);
            Orders orders = new Orders(store);
            Instant june = Instant.parse("2026-06-01T00:00:00Z");
            Instant july = Instant.parse("2026-07-01T00:00:00Z");
            assertThat(orders.ordersActiveBetween(june, july)).extracting(Order::externalId).containsExactly("3002");
            assertThat(orders.ordersActiveBetween(Instant.parse("2026-04-01T00:00:00Z"), june))
                    .extracting(Order::externalId).containsExactly("3001", "3002");
            assertThat(orders.ordersByExternalIds(Platform.ETSY, List.of("3002", "missing", "3001")))
                    .extracting(Order::externalId).containsExactly("3001", "3002");
            assertThat(orders.allOrders()).containsExactly(old, refundedInJune);
            assertThatThrownBy(() -> orders.ordersActiveBetween(july, june)).isInstanceOf(InvalidRequestException.class);
        }
    }

    static long rows(HubStore store, String table) {
        return store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM " + table, rs -> rs.getLong(1)).orElseThrow());
    }
}
