package io.patternhub.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;

/**
 * Maps WooCommerce's error document ({@code {"code": "...", "message": "...", "data": {"status": 404}}})
 * to typed errors: the default mapping by status with WooCommerce's code and message, and 413 (a
 * batch over the site's limit) to {@link InvalidRequestException}. Thread-safe.
 */
public final class WooCommerceErrorMapper extends DefaultErrorMapper {

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        PatternHubException mapped = super.map(response, context);
        if (response.status() == 413) {
            return new InvalidRequestException("WooCommerce refused " + response.request().method() + " "
                    + response.request().path() + " with HTTP 413: the batch is larger than the site accepts"
                    + " (100 objects by default). Send smaller batches.", mapped.context());
        }
        return mapped;
    }

    @Override
    protected java.util.Optional<String> errorCode(JsonNode body) {
        JsonNode code = body.path("code");
        return code.isTextual() && !code.asText().isBlank() ? java.util.Optional.of(code.asText())
                : super.errorCode(body);
    }
}
