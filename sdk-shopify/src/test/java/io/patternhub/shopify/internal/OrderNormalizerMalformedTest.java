package io.patternhub.shopify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.json.PatternHubJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An order payload that does not parse is a typed {@link ApiException}, not a raw runtime exception. */
class OrderNormalizerMalformedTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"2\",\"currencyCode\":\"USD\"}",
        "{\"id\":\"3\",\"createdAt\":\"yesterday\",\"currencyCode\":\"USD\"}",
        "{\"id\":\"5\",\"createdAt\":\"2026-03-01T10:00:00Z\",\"currencyCode\":\"USD\",\"taxLines\":[{\"rate\":\"abc\"}]}",
        "{\"id\":\"6\",\"createdAt\":\"2026-03-01T10:00:00Z\",\"currencyCode\":\"USD\","
                + "\"refunds\":[{\"id\":\"r\",\"totalRefundedSet\":{\"shopMoney\":{\"amount\":\"1.00\"}}}]}"})
    void aMalformedOrderIsAnApiException(String json) throws Exception {
        JsonNode order = PatternHubJson.newMapper().readTree(json);
        assertThatThrownBy(() -> new OrderNormalizer().toOrder(order, List.of()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("does not match its API description")
                .satisfies(e -> assertThat(((ApiException) e).context().platform()).contains(Platform.SHOPIFY));
    }
}
