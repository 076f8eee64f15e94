package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.Order;
import io.patternhub.shopify.internal.OrderNormalizer;

/**
 * Shopify's order normalizer (orders read over GraphQL and bulk exports) on arbitrary JSON: a
 * well-formed order or a typed {@link PatternHubException}. The input is an order, or
 * {@code {"order": {...}}}; its line items are taken from {@code lineItems.nodes}.
 */
class ShopifyOrderFuzzTest {
    private static final OrderNormalizer NORMALIZER = new OrderNormalizer();

    @FuzzTest(maxDuration = "5m")
    void orderJson(byte[] input) {
        Order[] out = new Order[1];
        Throwable thrown = catchThrowable(() -> {
            JsonNode root = OrderChecks.body(Platform.SHOPIFY, input);
            JsonNode order = root.has("order") ? root.get("order") : root;
            out[0] = NORMALIZER.toOrder(order, OrderChecks.elements(order.path("lineItems").path("nodes")));
        });
        OrderChecks.wellFormedOrTyped(out[0], thrown);
    }
}
