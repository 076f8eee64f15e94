package io.patternhub.accounting.xero.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.accounting.xero.XeroRateLimitHeaderReader;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Xero's error documents: {@code {"ErrorNumber", "Type", "Message", "Elements": [{...,
 * "ValidationErrors": [{"Message"}]}]}} for 400s, {@code {"Title", "Detail"}} for 401/403, and
 * {@code X-Rate-Limit-Problem} on 429s (a spent daily limit is not worth waiting for).
 */
public final class XeroErrorMapper extends DefaultErrorMapper {

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        if (response.status() == 429) {
            String problem = XeroRateLimitHeaderReader.problem(response.rateLimit()).orElse("unknown");
            String wait = context.retryAfter().map(d -> " Xero asks to wait " + d.toSeconds() + " s.").orElse("");
            return new RateLimitException("Xero refused " + response.request().method() + " "
                    + response.request().path() + " with HTTP 429: the " + problem + " limit of this organisation"
                    + " is spent." + wait + ("day".equals(problem) ? " The daily limit of 5,000 calls resets"
                            + " within 24 hours; post the rest later." : ""),
                    context.toBuilder().platformErrorCode("rate-limit-" + problem).retryable(true).build());
        }
        return super.map(response, context);
    }

    @Override
    protected Optional<String> message(JsonNode body) {
        for (String field : new String[] {"Message", "Detail", "Title"}) {
            JsonNode n = body.path(field);
            if (n.isTextual() && !n.asText().isBlank()) {
                List<ValidationError> errors = validationErrors(body);
                return Optional.of(errors.isEmpty() ? n.asText() : n.asText() + ": "
                        + errors.stream().map(ValidationError::message).reduce((a, b) -> a + "; " + b).orElse(""));
            }
        }
        return super.message(body);
    }

    @Override
    protected Optional<String> errorCode(JsonNode body) {
        JsonNode type = body.path("Type");
        if (type.isTextual() && !type.asText().isBlank()) {
            return Optional.of(type.asText());
        }
        JsonNode number = body.path("ErrorNumber");
        return number.isNumber() ? Optional.of(number.asText()) : super.errorCode(body);
    }

    @Override
    protected List<ValidationError> validationErrors(JsonNode body) {
        List<ValidationError> out = new ArrayList<>();
        JsonNode elements = body.path("Elements");
        for (int i = 0; i < elements.size(); i++) {
            out.addAll(XeroPayloads.itemErrors(elements.get(i), "Elements[" + i + "]"));
        }
        return out.isEmpty() ? super.validationErrors(body) : out;
    }
}
