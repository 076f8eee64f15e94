package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.SandboxOrder;
import io.patternhub.testkit.shopify.SandboxPayout;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifyOrdersTest {
    ShopifySandbox shop;
    ShopifyStorefront store;

    @BeforeEach
    void start() {
        shop = ShopifyTestSupport.roomySandbox();
        store = ShopifyTestSupport.storefront(shop).build();
    }

    @AfterEach
    void stop() {
        store.close();
        shop.close();
    }

    @Test
    void pagedOrdersCarryLinesTaxesDiscountsRefundsAndFees() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(25).lineItemsPerOrder(7)
                .skus("PH-A", "PH-B", "PH-C").build());
        List<Order> orders;
        try (Stream<Order> all = store.orders(OrderQuery.all())) {
            orders = all.toList();
        }
        assertThat(orders).extracting(Order::externalId).containsExactlyInAnyOrderElementsOf(ids);

        Map<String, Order> byId = orders.stream().collect(Collectors.toMap(Order::externalId, Function.identity()));
        for (SandboxOrder expected : shop.orders()) {
            Order o = byId.get(expected.id());
            assertThat(o.lineItems()).hasSize(7); // 5 with the order, 2 fetched by cursor
            assertThat(o.lineItems()).extracting(l -> l.sku().orElseThrow()).containsExactlyElementsOf(
                    expected.lineItems().stream().map(l -> l.sku()).toList());
            assertThat(o.total().amount()).isEqualByComparingTo(expected.totalPrice());
            assertThat(o.discountsTotal().amount()).isEqualByComparingTo(expected.totalDiscounts());
            assertThat(o.totalTax().amount()).isEqualByComparingTo(expected.totalTax());
            assertThat(o.taxCollectedBy(TaxCollector.SELLER).amount()).isEqualByComparingTo(expected.totalTax());
            assertThat(o.totalRefunded().amount()).isEqualByComparingTo(expected.totalRefunded());
            BigDecimal fees = expected.transactions().stream().map(t -> t.fee()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(o.totalFees().amount()).isEqualByComparingTo(fees);
            assertThat(o.fees()).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FeeKind.PAYMENT_PROCESSING));
            assertThat(o.orderNumber()).contains(expected.name());
            assertThat(o.buyer().flatMap(b -> b.email())).isEqualTo(expected.email());
            assertThat(o.raw().path("lineItems").path("nodes").size()).isEqualTo(7);
        }
        // order 10 (index 9): fully refunded
        assertThat(byId.get(ids.get(9)).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(byId.get(ids.get(0)).status()).isEqualTo(OrderStatus.PAID);
        // every 5th is discounted: the discount sits on the first line
        assertThat(byId.get(ids.get(4)).lineItems().get(0).discount()).isPresent();
    }

    @Test
    void ordersFilterByUpdateTimeAndStatusAndOneOrderCanBeFetched() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(30).build());
        Instant since = shop.order(ids.get(20)).orElseThrow().updatedAt();
        List<Order> recent = store.orders(OrderQuery.builder().updatedSince(since).pageSize(4).build()).toList();
        assertThat(recent).allSatisfy(o -> assertThat(o.updatedAt().orElseThrow()).isAfterOrEqualTo(since));
        assertThat(recent).extracting(Order::externalId).contains(ids.get(20), ids.get(29));
        assertThat(recent).extracting(Order::externalId).doesNotContain(ids.get(0));

        List<Order> refunded = store.orders(OrderQuery.builder().addStatuses(OrderStatus.REFUNDED).build()).toList();
        assertThat(refunded).extracting(Order::externalId).containsExactlyInAnyOrder(ids.get(9), ids.get(19), ids.get(29));

        Order one = store.order(ids.get(3));
        assertThat(one.externalId()).isEqualTo(ids.get(3));
        assertThatThrownBy(() -> store.order("gid://shopify/Order/424242")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refundsAfterTheFactShowUpOnTheOrder() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(2).refundEvery(0).build());
        shop.refundOrder(ids.get(1), new BigDecimal("3.00"), "wrong size");
        Order o = store.order(ids.get(1));
        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(o.refunds()).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(Money.of("3.00", "USD"));
            assertThat(r.reason()).contains("wrong size");
        });
    }

    @Test
    void payoutsAndTheirFeesComeFromShopifyPayments() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(48).build());
        List<SandboxPayout> settled = shop.settlePayouts();
        assertThat(settled).isNotEmpty();

        List<Payout> payouts = store.payouts(PayoutQuery.all()).toList();
        assertThat(payouts).hasSameSizeAs(settled);
        for (SandboxPayout expected : settled) {
            Payout p = payouts.stream().filter(x -> x.externalId().equals(expected.id())).findFirst().orElseThrow();
            assertThat(p.net().amount()).isEqualByComparingTo(expected.net());
            assertThat(p.gross().minus(p.refunds()).amount()).isEqualByComparingTo(expected.gross());
            assertThat(p.fees().amount()).isEqualByComparingTo(expected.fees());
            assertThat(p.status()).isEqualTo(PayoutStatus.PAID);
            List<String> expectedOrders = shop.balanceTransactions().stream()
                    .filter(b -> b.payoutId().equals(expected.id())).map(b -> b.orderId()).distinct().toList();
            assertThat(p.orderIds()).containsExactlyInAnyOrderElementsOf(expectedOrders);
            List<Fee> fees = store.payoutFees(expected.id());
            assertThat(fees.stream().map(Fee::amount).reduce(Money::plus).orElseThrow().amount())
                    .isEqualByComparingTo(expected.fees());
        }
        assertThat(payouts.stream().flatMap(p -> p.orderIds().stream()).distinct()).containsExactlyInAnyOrderElementsOf(ids);
        Instant lastIssued = settled.get(settled.size() - 1).issuedAt();
        assertThat(store.payouts(PayoutQuery.builder().since(lastIssued).build()).toList()).hasSize(1);
    }
}
