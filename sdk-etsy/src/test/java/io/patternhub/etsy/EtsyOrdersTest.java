package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.testkit.etsy.EtsyPaymentView;
import io.patternhub.testkit.etsy.EtsyReceiptView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.ReceiptSeed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts, payments and the ledger read from the Etsy sandbox and normalized. */
class EtsyOrdersTest {
    private static final String RECEIPTS = "/v3/application/shops/{shop_id}/receipts";
    private EtsySandbox etsy;
    private EtsyStorefront store;

    @BeforeEach
    void start() {
        // Seeding 1,000 receipts happens outside the API; the client still keeps to 10 calls a second.
        etsy = EtsySandbox.builder().build().start();
        store = storefront(etsy).build();
    }

    @AfterEach
    void stop() {
        store.close();
        etsy.close();
        assertThat(etsy.responseViolations()).isEmpty();
    }

    @Test
    void normalizesAReceiptWithSeveralLinesDiscountVatFeesAndARefund() {
        long id = etsy.addReceipt(ReceiptSeed.builder("USD")
                .transaction("TEE-01", "Raglan Tee", 1, "12.50")
                .transaction("SOCK-02", "Socks", 2, "4.95")
                .transaction(null, "Hat", 1, "6.50")
                .discount("2.89").vat("4.93").fees("1.07")
                .build());
        etsy.refund(id, Money.of("4.95", "USD"), "wrong size");
        EtsyReceiptView held = etsy.receipt(id).orElseThrow();
        EtsyPaymentView payment = etsy.payments(etsy.defaultShopId()).stream()
                .filter(p -> p.receiptId() == id).findFirst().orElseThrow();

        Order order = store.order(String.valueOf(id));

        assertThat(order.lineItems()).hasSize(3);
        assertThat(order.lineItems().get(1).quantity()).isEqualTo(2);
        assertThat(order.lineItems().get(1).unitPrice()).isEqualTo(Money.of("4.95", "USD"));
        assertThat(order.lineItems().get(2).sku()).isEmpty();
        assertThat(order.subtotal()).isEqualTo(held.subtotal()).isEqualTo(Money.of("28.90", "USD"));
        assertThat(order.discountsTotal()).isEqualTo(held.discount());
        assertThat(order.total()).isEqualTo(held.grandTotal()).isEqualTo(Money.of("30.94", "USD"));
        assertThat(order.taxCollectedBy(TaxCollector.MARKETPLACE)).isEqualTo(Money.of("4.93", "USD"));
        assertThat(order.taxCollectedBy(TaxCollector.SELLER).isZero()).isTrue();
        assertThat(order.refunds()).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(Money.of("4.95", "USD"));
            assertThat(r.reason()).contains("wrong size");
        });
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        // the fee as charged with the sale, and the part Etsy gave back booked with the refund
        Money givenBack = payment.fees().minus(payment.adjustedFees().orElseThrow());
        assertThat(givenBack.isPositive()).isTrue();
        assertThat(order.fees()).hasSize(2).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FeeKind.PAYMENT_PROCESSING));
        assertThat(order.fees().get(0).amount()).isEqualTo(payment.fees());
        assertThat(order.fees().get(0).refundId()).isEmpty();
        assertThat(order.fees().get(1).amount()).isEqualTo(givenBack.negate());
        assertThat(order.fees().get(1).refundId()).contains(order.refunds().get(0).externalId());
        assertThat(order.totalFees()).isEqualTo(payment.adjustedFees().orElseThrow());
        assertThat(order.buyer().orElseThrow().email()).isEmpty(); // Etsy sends null without approval
        assertThat(order.buyer().orElseThrow().externalId()).isPresent();
    }

    @Test
    void severalCurrenciesStayExact() {
        long eur = etsy.addReceipt(ReceiptSeed.builder("EUR").transaction("A", "A", 3, "0.10").vat("0.06")
                .buyerEmail("anna@example.de").build());
        long jpy = etsy.addReceipt(ReceiptSeed.builder("JPY").transaction("B", "B", 2, "750").discount("100").build());

        Order euros = store.order(String.valueOf(eur));
        Order yen = store.order(String.valueOf(jpy));

        assertThat(euros.total()).isEqualTo(Money.of("0.36", "EUR"));
        assertThat(euros.total().toMinorUnits()).isEqualTo(36);
        assertThat(euros.buyer().orElseThrow().email()).contains("anna@example.de");
        assertThat(yen.total()).isEqualTo(Money.of("1400", "JPY"));
        assertThat(yen.total().amount().scale()).isEqualTo(0);
        assertThat(yen.discountsTotal()).isEqualTo(Money.of("100", "JPY"));
    }

    @Test
    void pagesThroughAThousandReceipts() {
        List<Long> ids = etsy.addReceipts(1_000, i -> ReceiptSeed.builder("USD")
                .transaction("SKU-" + (i % 7), "Pattern " + i, 1 + i % 3, "3.25").build());
        Map<Long, Money> totals = etsy.receipts(etsy.defaultShopId()).stream()
                .collect(Collectors.toMap(EtsyReceiptView::receiptId, EtsyReceiptView::grandTotal));
        etsy.journal().clear();

        List<Order> orders = store.orders(OrderQuery.all()).collect(Collectors.toList());

        assertThat(orders).hasSize(1_000);
        assertThat(orders.stream().map(o -> Long.parseLong(o.externalId())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(orders).allSatisfy(o -> assertThat(o.total()).isEqualTo(totals.get(Long.parseLong(o.externalId()))));
        assertThat(etsy.journal().count("GET", RECEIPTS)).isEqualTo(10); // 100 per page, Etsy's maximum
        assertThat(etsy.journal().entries()).allSatisfy(e -> assertThat(e.query().get("limit")).containsExactly("100"));
    }

    @Test
    void filtersByStatusAndModificationTime() {
        long paid = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("A", "A", 1, "5.00").build());
        long canceled = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("B", "B", 1, "5.00").canceled(true)
                .build());
        assertThat(store.orders(OrderQuery.builder().addStatuses(OrderStatus.CANCELLED).build())
                .map(Order::externalId)).containsExactly(String.valueOf(canceled));
        assertThat(store.orders(OrderQuery.builder().updatedSince(Instant.now().plusSeconds(3600)).build()))
                .isEmpty();
        assertThat(store.orders(OrderQuery.all()).map(Order::externalId))
                .contains(String.valueOf(paid), String.valueOf(canceled));
    }

    @Test
    void unknownReceiptIsNotFoundAndBadIdsAreRefusedLocally() {
        assertThatThrownBy(() -> store.order("999999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.order("abc")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void payoutsComeFromTheLedgerAndBalance() {
        Instant since = Instant.now().minusSeconds(60);
        long a = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("A", "A", 1, "10.00").fees("0.65").build());
        long b = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("B", "B", 2, "7.50").fees("0.80").build());
        etsy.refund(b, Money.of("7.50", "USD"), null);
        Money disbursed = etsy.disburse(etsy.defaultShopId(), "USD");

        List<Payout> payouts = store.payouts(PayoutQuery.builder().since(since).build()).collect(Collectors.toList());

        assertThat(payouts).singleElement().satisfies(p -> {
            assertThat(p.net()).isEqualTo(disbursed);
            assertThat(p.gross()).isEqualTo(Money.of("25.00", "USD"));
            assertThat(p.refunds()).isEqualTo(Money.of("7.50", "USD"));
            assertThat(p.gross().minus(p.fees()).minus(p.refunds()).plus(p.adjustments())).isEqualTo(p.net());
            assertThat(p.orderIds()).containsExactlyInAnyOrder(String.valueOf(a), String.valueOf(b));
        });
        assertThatThrownBy(() -> store.payouts(PayoutQuery.all())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("since");
    }
}
