package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backfill beyond 10,000 orders runs as one bulk operation, streamed from its JSONL result. */
class ShopifyBulkBackfillTest {
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
    void twentyThousandOrdersComeBackStitchedFromOneBulkOperation() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(20_000).lineItemsPerOrder(2)
                .skus("PH-1", "PH-2", "PH-3").build());
        Set<String> seen = new HashSet<>();
        AtomicLong lines = new AtomicLong();
        AtomicLong refunded = new AtomicLong();
        BigDecimal[] total = {BigDecimal.ZERO};
        try (Stream<Order> all = store.backfillOrders(OrderQuery.all())) {
            all.forEach(o -> {
                assertThat(seen.add(o.externalId())).as("no order twice").isTrue();
                assertThat(o.lineItems()).hasSize(2);
                lines.addAndGet(o.lineItems().size());
                if (o.status() == OrderStatus.REFUNDED) {
                    refunded.incrementAndGet();
                }
                total[0] = total[0].add(o.total().amount());
            });
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines.get()).isEqualTo(40_000);
        assertThat(refunded.get()).isEqualTo(2_000); // every 10th
        BigDecimal expected = shop.orders().stream().map(o -> o.totalPrice()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total[0]).isEqualByComparingTo(expected);
        assertThat(shop.bulkOperations()).singleElement().satisfies(op -> {
            assertThat(op.status()).isEqualTo("COMPLETED");
            assertThat(op.rootObjectCount()).isEqualTo(20_000);
        });
    }

    @Test
    void aBackfillFiltersByTimeAndAnEmptyResultIsAnEmptyStream() {
        List<String> ids = shop.seedOrders(OrderSeed.builder().count(50).build());
        Instant since = shop.order(ids.get(40)).orElseThrow().updatedAt();
        List<Order> recent;
        try (Stream<Order> s = store.backfillOrders(OrderQuery.builder().updatedSince(since).build())) {
            recent = s.toList();
        }
        assertThat(recent).allSatisfy(o -> assertThat(o.updatedAt().orElseThrow()).isAfterOrEqualTo(since));
        assertThat(recent).extracting(Order::externalId).contains(ids.get(40), ids.get(49)).doesNotContain(ids.get(0));

        try (Stream<Order> none = store.backfillOrders(OrderQuery.builder()
                .updatedSince(Instant.parse("2030-01-01T00:00:00Z")).build())) {
            assertThat(none).isEmpty();
        }
    }
}
