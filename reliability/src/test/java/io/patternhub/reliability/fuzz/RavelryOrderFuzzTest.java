package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.Order;
import io.patternhub.ravelry.internal.InvoiceNormalizer;
import java.util.Optional;

/**
 * Ravelry's invoice normalizer (sales read from the store API) on arbitrary JSON: a well-formed order
 * or a typed {@link PatternHubException}. Product 1 has a known SKU and title, others none.
 */
class RavelryOrderFuzzTest {
    private static final InvoiceNormalizer NORMALIZER = new InvoiceNormalizer();

    @FuzzTest(maxDuration = "5m")
    void invoiceJson(byte[] input) {
        Order[] out = new Order[1];
        Throwable thrown = catchThrowable(() -> {
            JsonNode invoice = OrderChecks.body(Platform.RAVELRY, input);
            out[0] = NORMALIZER.toOrder(invoice, id -> "1".equals(id) ? Optional.of("RAV-1") : Optional.empty(),
                    id -> "1".equals(id) ? Optional.of("Known pattern") : Optional.empty());
        });
        OrderChecks.wellFormedOrTyped(out[0], thrown);
    }
}
