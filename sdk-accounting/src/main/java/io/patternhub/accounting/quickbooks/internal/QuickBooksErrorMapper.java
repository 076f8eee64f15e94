package io.patternhub.accounting.quickbooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads QuickBooks' {@code Fault} documents ({@code {"Fault": {"Error": [{"Message", "Detail", "code",
 * "element"}], "type"}}}, IntuitRestServiceDef.xsd) and turns a 429 into a retryable
 * {@link RateLimitException} that asks to wait the configured throttle pause (60 s: QuickBooks sends no
 * {@code Retry-After}).
 */
public final class QuickBooksErrorMapper extends DefaultErrorMapper {
    private final Duration throttleWait;

    /**
     * @param throttleWait how long to wait after a 429 without {@code Retry-After}
     */
    public QuickBooksErrorMapper(Duration throttleWait) {
        this.throttleWait = throttleWait;
    }

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        if (response.status() == 429) {
            Duration wait = context.retryAfter().orElse(throttleWait);
            return new RateLimitException("QuickBooks throttled " + response.request().method() + " "
                    + response.request().path().split("\\?")[0] + " (HTTP 429: 500 calls a minute and 10 at once per"
                    + " company); waiting " + wait.toMillis() + " ms before the next call.",
                    context.toBuilder().retryable(true).retryAfter(wait).platformErrorCode("ThrottleExceeded").build());
        }
        return super.map(response, context);
    }

    @Override
    protected Optional<String> message(JsonNode body) {
        List<ValidationError> errors = faultErrors(fault(body));
        if (!errors.isEmpty()) {
            return Optional.of(errors.stream().map(ValidationError::message).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        return super.message(body);
    }

    @Override
    protected Optional<String> errorCode(JsonNode body) {
        JsonNode fault = fault(body);
        JsonNode first = first(fault.path("Error"), fault.path("error"));
        if (first.isObject()) {
            return Optional.of(first.path("code").asText(""));
        }
        return super.errorCode(body);
    }

    @Override
    protected List<ValidationError> validationErrors(JsonNode body) {
        List<ValidationError> errors = faultErrors(fault(body));
        return errors.isEmpty() ? super.validationErrors(body) : errors;
    }

    /** The errors of a {@code Fault} element (also of one batch item). */
    public static List<ValidationError> faultErrors(JsonNode fault) {
        List<ValidationError> out = new ArrayList<>();
        JsonNode errors = fault.has("Error") ? fault.path("Error") : fault.path("error");
        for (JsonNode e : errors) {
            String message = e.has("Message") ? e.path("Message").asText() : e.path("message").asText("");
            String detail = e.has("Detail") ? e.path("Detail").asText("") : e.path("detail").asText("");
            out.add(new ValidationError(e.path("element").asText(""), e.path("code").asText(""),
                    detail.isBlank() || detail.equals(message) ? message : message + ": " + detail));
        }
        return out;
    }

    private static JsonNode fault(JsonNode body) {
        return body.has("Fault") ? body.path("Fault") : body.path("fault");
    }

    private static JsonNode first(JsonNode a, JsonNode b) {
        JsonNode arr = a.isArray() ? a : b;
        return arr.isArray() && !arr.isEmpty() ? arr.get(0) : arr;
    }
}
