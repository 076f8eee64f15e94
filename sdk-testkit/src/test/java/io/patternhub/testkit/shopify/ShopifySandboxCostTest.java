package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxCostTest {
    final ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
    ShopifySandbox shop;

    @AfterEach
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    Gql start(long size, long restore) {
        shop = ShopifySandbox.builder().accessToken("shpat_test").costBucket(size, restore).clock(clock).build().start();
        return new Gql(shop.graphqlUrl(), "shpat_test");
    }

    @Test
    void everyResponseReportsCostAndThrottleStatus() {
        Gql gql = start(1000, 100);
        shop.seedOrders(OrderSeed.builder().count(3).build());
        Gql.Reply reply = gql.query("{ orders(first: 10) { edges { node { id lineItems(first: 5) { nodes { sku } } } } } }");

        // requested: 2 + 10 * (1 order + (2 + 5 * 1 line item)) = 82; actual: 2 + 3 * (1 + 2 + 1) = 14
        assertThat(reply.cost().path("requestedQueryCost").asLong()).isEqualTo(82);
        assertThat(reply.cost().path("actualQueryCost").asLong()).isEqualTo(14);
        assertThat(reply.cost().path("throttleStatus").path("maximumAvailable").asDouble()).isEqualTo(1000.0);
        assertThat(reply.cost().path("throttleStatus").path("currentlyAvailable").asLong()).isEqualTo(986);
        assertThat(reply.cost().path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(100.0);
        assertThat(shop.chargedCost()).isEqualTo(14);
    }

    @Test
    void mutationsCostTenAndAnEmptyBucketAnswersThrottledUntilItRestores() {
        Gql gql = start(30, 10);
        Map<String, Object> vars = Map.of("input", Map.of("title", "Tulip"));
        for (int i = 0; i < 3; i++) {
            Gql.Reply ok = gql.query(ShopifySandboxProductsTest.PRODUCT_SET, vars);
            assertThat(ok.cost().path("requestedQueryCost").asLong()).isEqualTo(10);
            assertThat(ok.cost().path("throttleStatus").path("currentlyAvailable").asLong()).isEqualTo(20 - 10L * i);
        }
        Gql.Reply throttled = gql.query(ShopifySandboxProductsTest.PRODUCT_SET, vars);
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.errors().get(0).path("message").asText()).isEqualTo("Throttled");
        assertThat(throttled.errors().get(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(throttled.cost().path("throttleStatus").path("currentlyAvailable").asLong()).isZero();
        assertThat(throttled.data().isMissingNode()).isTrue();
        assertThat(shop.products()).hasSize(3);
        assertThat(shop.throttledCount()).isEqualTo(1);

        clock.advance(Duration.ofMillis(900));
        assertThat(gql.query(ShopifySandboxProductsTest.PRODUCT_SET, vars).errors().isMissingNode()).isFalse();
        clock.advance(Duration.ofMillis(100));
        Gql.Reply restored = gql.query(ShopifySandboxProductsTest.PRODUCT_SET, vars);
        assertThat(restored.errors().isMissingNode()).isTrue();
        assertThat(shop.products()).hasSize(4);
        assertThat(shop.throttledCount()).isEqualTo(2);
    }

    @Test
    void aQueryCostingMoreThanTheBucketIsRejectedOutright() {
        Gql gql = start(1000, 100);
        Gql.Reply reply = gql.query("{ orders(first: 250) { nodes { id lineItems(first: 50) { nodes { sku } } } } }");
        assertThat(reply.errors().get(0).path("extensions").path("code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(reply.cost().path("requestedQueryCost").asLong()).isEqualTo(2 + 250 * (1 + 2 + 50));
        assertThat(shop.throttleStatus("shpat_test").currentlyAvailable()).isEqualTo(1000.0);
    }

    @Test
    void eachTokenHasItsOwnBucket() {
        Gql first = start(10, 1);
        shop.addAccessToken("shpat_other");
        Gql second = new Gql(shop.graphqlUrl(), "shpat_other");
        Map<String, Object> vars = Map.of("input", Map.of("title", "Tulip"));
        first.query(ShopifySandboxProductsTest.PRODUCT_SET, vars);
        assertThat(first.query(ShopifySandboxProductsTest.PRODUCT_SET, vars).errors().get(0).path("extensions")
                .path("code").asText()).isEqualTo("THROTTLED");
        assertThat(second.query(ShopifySandboxProductsTest.PRODUCT_SET, vars).errors().isMissingNode()).isTrue();
        assertThat(shop.products()).hasSize(2);
        assertThat(List.of(shop.throttleStatus("shpat_test").currentlyAvailable(),
                shop.throttleStatus("shpat_other").currentlyAvailable())).containsExactly(0.0, 0.0);
    }
}
