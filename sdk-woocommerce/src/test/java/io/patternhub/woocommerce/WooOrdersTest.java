package io.patternhub.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WooOrdersTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private WooCommerceSandbox woo;
    private WooCommerceStorefront shop;
    private long product;

    @BeforeEach
    void start() {
        woo = WooTestSupport.sandbox(clock);
        shop = WooTestSupport.storefront(woo).clock(clock).build();
        product = woo.addProduct("Raglan tee", "RAGLAN", "10.00", "https://files.example/raglan.pdf");
    }

    @AfterEach
    void stop() {
        shop.close();
        woo.close();
    }

    @Test
    void normalizesLinesSellerCollectedTaxesAndFeeLines() {
        long id = woo.addOrder(WooOrderSeed.builder("EUR").customer(42, "ada@example.com").country("DE")
                .line(product, 2, "10.00", "3.80").tax("DE-MWST-1", "MwSt.", "19", "3.80")
                .fee("Gift wrap", "1.50").fee("Loyalty", "-2.00").build());

        Order o = shop.order(String.valueOf(id));

        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.total()).isEqualTo(Money.of("23.30", "EUR"));
        assertThat(o.lineItems()).extracting(LineItem::title).containsExactly("Raglan tee", "Fee: Gift wrap");
        assertThat(o.lineItems().get(0).sku()).contains("RAGLAN");
        assertThat(o.lineItems().get(0).unitPrice()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(o.discountsTotal()).isEqualTo(Money.of("2.00", "EUR"));
        TaxLine tax = o.taxes().get(0);
        assertThat(tax.collectedBy()).isEqualTo(TaxCollector.SELLER);
        assertThat(tax.amount()).isEqualTo(Money.of("3.80", "EUR"));
        assertThat(tax.rate()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo(new BigDecimal("0.19")));
        assertThat(tax.country()).contains("DE");
        assertThat(o.fees()).isEmpty();
        assertThat(o.buyer().orElseThrow().email()).contains("ada@example.com");
        assertThat(o.buyer().orElseThrow().country()).contains("DE");
    }

    @Test
    void refundsAreRecordedAndChangeTheStatus() {
        long id = woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "10.00").build());
        clock.advance(Duration.ofMinutes(5));

        Order partly = shop.refund(String.valueOf(id), Money.of("4.00", "EUR"), "misprint", false);
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(partly.refunds()).singleElement().satisfies(r -> {
            assertThat(r.amount()).isEqualTo(Money.of("4.00", "EUR"));
            assertThat(r.reason()).contains("misprint");
            assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        });
        Order full = shop.refund(String.valueOf(id), Money.of("6.00", "EUR"), null, false);
        assertThat(full.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(woo.order(id).orElseThrow().refundCount()).isEqualTo(2);
        assertThat(woo.order(id).orElseThrow().status()).isEqualTo("refunded");
        assertThatThrownBy(() -> shop.refund(String.valueOf(id), Money.of("1.00", "EUR"), null, false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid refund amount");
    }

    @Test
    void ordersArePagedWithTheLinkHeaderAndFilteredByModification() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "10.00").build()));
            clock.advance(Duration.ofMinutes(1));
        }
        List<String> all = shop.orders(OrderQuery.builder().pageSize(2).build()).map(Order::externalId)
                .collect(Collectors.toList());
        assertThat(all).containsExactlyElementsOf(ids.stream().map(String::valueOf).toList());
        assertThat(woo.journal().count("GET", "/wp-json/wc/v3/orders")).isEqualTo(3);

        List<String> recent = shop.orders(OrderQuery.builder().updatedSince(Instant.parse("2026-03-01T10:03:00Z"))
                .build()).map(Order::externalId).collect(Collectors.toList());
        assertThat(recent).containsExactly(String.valueOf(ids.get(3)), String.valueOf(ids.get(4)));
        assertThat(woo.rejectedRequests()).isEmpty();
    }

    @Test
    void pollingEmitsEachOrderStateOnceAndResumesFromThePersistedCursor(@TempDir Path dir) {
        OrderPollStateStore state = OrderPollStateStore.file(dir.resolve("woo-poll.json"));
        long a = woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "10.00").build());
        long b = woo.addOrder(WooOrderSeed.builder("EUR").status("pending").line(product, 1, "10.00").build());
        clock.advance(Duration.ofMinutes(1));
        List<OrderEvent> events = new ArrayList<>();

        WooCommerceOrderEvents first = WooCommerceOrderEvents.builder(shop).stateStore(state).clock(clock).build();
        assertThat(first.poll(events::add)).isEqualTo(2);
        assertThat(first.poll(events::add)).isZero();

        clock.advance(Duration.ofMinutes(1));
        shop.refund(String.valueOf(a), Money.of("2.00", "EUR"), null, false);
        woo.setOrderStatus(b, "completed");
        clock.advance(Duration.ofMinutes(1));
        long c = woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "10.00").build());

        // A new instance (a restart) continues from the saved cursor.
        WooCommerceOrderEvents restarted = WooCommerceOrderEvents.builder(shop).stateStore(state).clock(clock).build();
        woo.journal().clear();
        assertThat(restarted.poll(events::add)).isEqualTo(3);
        assertThat(events).extracting(OrderEvent::orderExternalId, OrderEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(String.valueOf(a), OrderEvent.Kind.PAID),
                org.assertj.core.groups.Tuple.tuple(String.valueOf(b), OrderEvent.Kind.CREATED),
                org.assertj.core.groups.Tuple.tuple(String.valueOf(a), OrderEvent.Kind.REFUNDED),
                org.assertj.core.groups.Tuple.tuple(String.valueOf(b), OrderEvent.Kind.PAID),
                org.assertj.core.groups.Tuple.tuple(String.valueOf(c), OrderEvent.Kind.PAID));
        String modifiedAfter = woo.journal().entries().get(0).query().get("modified_after").get(0);
        assertThat(Instant.parse(modifiedAfter + "Z")).isBefore(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(state.load().cursor()).contains(Instant.parse("2026-03-01T10:03:00Z"));
    }

    @Test
    void aChangeInTheCursorsOwnSecondIsNotLost() {
        long a = woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "10.00").build());
        List<OrderEvent> events = new ArrayList<>();
        WooCommerceOrderEvents poller = WooCommerceOrderEvents.builder(shop).clock(clock)
                .rescanWindow(Duration.ofMinutes(2)).build();
        assertThat(poller.poll(events::add)).isEqualTo(1);
        // Same second as the cursor: WooCommerce's modified_after is exclusive and whole-second.
        shop.refund(String.valueOf(a), Money.of("1.00", "EUR"), null, false);
        assertThat(poller.poll(events::add)).isEqualTo(1);
        assertThat(events.get(1).kind()).isEqualTo(OrderEvent.Kind.REFUNDED);
    }

    @Test
    void payoutsAreNotOfferedWithTheReason() {
        assertThatThrownBy(() -> shop.payouts(PayoutQuery.builder().build()))
                .isInstanceOf(CapabilityNotSupportedException.class).hasMessageContaining("payment gateway");
        assertThat(shop.capabilities().reportsFees()).isFalse();
        assertThat(shop.capabilities().reportsTaxes()).isTrue();
    }
}
