package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;

/** What the order-normalizer fuzz tests share: bytes as a response body, and the checks on the outcome. */
final class OrderChecks {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();

    private OrderChecks() {
    }

    /**
     * The bytes as the transport hands a 200 body to a storefront: non-JSON is already a typed error here.
     *
     * @throws PatternHubException if the bytes are not JSON
     */
    static JsonNode body(Platform platform, byte[] input) {
        return new ApiResponse(platform, ApiRequest.get("/orders/1"), 200, ResponseHeaders.empty(), input,
                RateLimitStatus.none(), 1, null, JSON).json();
    }

    /** The elements of an array field (none if it is missing or not an array). */
    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    /** A normalizer either made a well-formed order or threw a typed error; anything else is a finding. */
    static void wellFormedOrTyped(Order order, Throwable thrown) {
        if (thrown == null) {
            assertThat(order.externalId()).isNotBlank();
            assertThat(order.total().currency()).isEqualTo(order.currency());
            assertThat(order.subtotal().currency()).isEqualTo(order.currency());
        } else {
            assertThat(thrown).isInstanceOf(PatternHubException.class);
        }
    }
}
