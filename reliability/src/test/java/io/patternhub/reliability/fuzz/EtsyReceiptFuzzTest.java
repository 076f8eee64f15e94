package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.RateLimitStatus;
import io.patternhub.core.http.ResponseHeaders;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Order;
import io.patternhub.etsy.internal.ReceiptNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Etsy's receipt normalizer (what the storefront's order reads run every receipt through) on
 * arbitrary JSON: it returns a well-formed order or throws a typed {@link PatternHubException},
 * never a NullPointerException, NumberFormatException or the like. The bytes go through
 * {@link ApiResponse#json()} first, as a real response body does.
 */
class EtsyReceiptFuzzTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();
    private static final ReceiptNormalizer NORMALIZER = new ReceiptNormalizer();

    @FuzzTest(maxDuration = "5m")
    void receiptJson(byte[] input) {
        // The body as the transport hands it to the storefront: non-JSON must already be a typed error.
        ApiResponse response = new ApiResponse(Platform.ETSY, ApiRequest.get("/shops/1/receipts/1"), 200,
                ResponseHeaders.empty(), input, RateLimitStatus.none(), 1, null, JSON);
        Order[] out = new Order[1];
        Throwable thrown = catchThrowable(() -> {
            JsonNode root = response.json();
            // {"receipt": {...}, "payments": [...]} or a bare receipt.
            JsonNode receipt = root.has("receipt") ? root.get("receipt") : root;
            List<JsonNode> payments = new ArrayList<>();
            root.path("payments").forEach(payments::add);
            out[0] = NORMALIZER.toOrder(receipt, payments);
        });
        if (thrown == null) {
            Order order = out[0];
            assertThat(order.externalId()).isNotBlank();
            assertThat(order.total().currency()).isEqualTo(order.currency());
        } else {
            assertThat(thrown).isInstanceOf(PatternHubException.class);
        }
    }
}
