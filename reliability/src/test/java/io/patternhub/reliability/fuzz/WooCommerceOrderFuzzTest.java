package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.Order;
import io.patternhub.woocommerce.internal.OrderNormalizer;

/**
 * WooCommerce's order normalizer (REST reads and order webhooks) on arbitrary JSON: a well-formed
 * order or a typed {@link PatternHubException}. The input is an order, or
 * {@code {"order": {...}, "refunds": [...]}} with the refund objects.
 */
class WooCommerceOrderFuzzTest {
    private static final OrderNormalizer NORMALIZER = new OrderNormalizer();

    @FuzzTest(maxDuration = "5m")
    void orderJson(byte[] input) {
        Order[] out = new Order[1];
        Throwable thrown = catchThrowable(() -> {
            JsonNode root = OrderChecks.body(Platform.WOOCOMMERCE, input);
            JsonNode order = root.has("order") ? root.get("order") : root;
            out[0] = NORMALIZER.toOrder(order, OrderChecks.elements(root.path("refunds")));
        });
        OrderChecks.wellFormedOrTyped(out[0], thrown);
    }
}
