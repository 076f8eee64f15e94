package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.shopify.ShopifyCostPacer;
import io.patternhub.shopify.ShopifyCostPacer.ThrottleStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends Admin GraphQL documents through the connection's transport, paced by query cost. Reads
 * {@code extensions.cost} from every answer, waits out {@code THROTTLED} for the time the bucket
 * needs and sends again, and turns GraphQL errors and mutation {@code userErrors} into typed
 * exceptions. Thread-safe.
 */
public final class GraphqlClient {
    private final HttpTransport transport;
    private final ShopifyCostPacer pacer;
    private final int maxThrottledRetries;
    /** The requested cost last seen per operation and page size: the estimate for the next one. */
    private final CostEstimates costs = new CostEstimates();

    /**
     * @param transport           the connection's transport (base URL ends with the API version)
     * @param pacer               the cost pacer
     * @param maxThrottledRetries how many THROTTLED answers one call waits out before giving up
     */
    public GraphqlClient(HttpTransport transport, ShopifyCostPacer pacer, int maxThrottledRetries) {
        this.transport = transport;
        this.pacer = pacer;
        this.maxThrottledRetries = maxThrottledRetries;
    }

    /**
     * Runs a query (safe to repeat: the transport may resend it after a network failure).
     *
     * @param operation the operation name (the document's file name)
     * @param document  the document
     * @param variables the variables
     * @return the {@code data} object
     */
    public JsonNode query(String operation, String document, Map<String, Object> variables) {
        return send(operation, document, variables, true);
    }

    /**
     * Runs a mutation and fails on {@code userErrors}.
     *
     * @param operation  the operation name
     * @param document   the document
     * @param variables  the variables
     * @param field      the mutation's root field, whose {@code userErrors} are checked
     * @param idempotent whether sending it twice has the same effect as once
     * @return the mutation's payload ({@code data.<field>})
     */
    public JsonNode mutate(String operation, String document, Map<String, Object> variables, String field,
            boolean idempotent) {
        JsonNode payload = send(operation, document, variables, idempotent).path(field);
        JsonNode userErrors = payload.path("userErrors");
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            throw userErrors(field, userErrors);
        }
        return payload;
    }

    /**
     * Runs a mutation and returns its payload even when it has {@code userErrors}, for callers that
     * recognise some of them (a handle or subscription that already exists).
     *
     * @param operation the operation name
     * @param document  the document
     * @param variables the variables
     * @param field     the mutation's root field
     * @return the payload
     */
    public JsonNode mutateAllowingUserErrors(String operation, String document, Map<String, Object> variables,
            String field) {
        return send(operation, document, variables, false).path(field);
    }

    /**
     * The exception for a mutation's {@code userErrors}.
     *
     * @param field      the mutation
     * @param userErrors the errors
     * @return an {@link InvalidRequestException} listing them
     */
    public static InvalidRequestException userErrors(String field, JsonNode userErrors) {
        List<ValidationError> errors = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (JsonNode e : userErrors) {
            List<String> path = new ArrayList<>();
            e.path("field").forEach(f -> path.add(f.asText()));
            String code = e.path("code").isTextual() ? e.path("code").asText() : "USER_ERROR";
            errors.add(new ValidationError(path.isEmpty() ? field : String.join(".", path), code,
                    e.path("message").asText()));
            messages.add((path.isEmpty() ? "" : String.join(".", path) + ": ") + e.path("message").asText());
        }
        return new InvalidRequestException("Shopify refused " + field + ": " + String.join("; ", messages),
                ErrorContext.builder().platform(Platform.SHOPIFY).platformErrorCode(errors.get(0).code())
                        .validationErrors(errors).build());
    }

    private JsonNode send(String operation, String document, Map<String, Object> variables, boolean idempotent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        if (!operation.isEmpty() && !operation.equals("OrdersBulk")) {
            body.put("operationName", operation);
        }
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "graphql.json")
                .header("Accept", "application/json")
                .jsonBody(body)
                .idempotent(idempotent)
                .build();
        String shape = operation + variables.getOrDefault("first", "");
        for (int throttledAnswers = 0; ; throttledAnswers++) {
            CostEstimates.Estimate estimate;
            ShopifyCostPacer.Reservation reservation;
            try {
                estimate = costs.acquire(shape);
            } catch (InterruptedException e) {
                throw interruptedWhilePacing(e);
            }
            try {
                try {
                    reservation = pacer.beforeQuery(estimate.cost());
                } catch (InterruptedException e) {
                    throw interruptedWhilePacing(e);
                }
                ApiResponse response;
                JsonNode json;
                try {
                    response = transport.execute(request);
                    json = response.json();
                } catch (RuntimeException e) {
                    pacer.cancel(reservation);
                    throw e;
                }
                JsonNode cost = json.path("extensions").path("cost");
                ThrottleStatus status = throttleStatus(cost);
                long requested = cost.path("requestedQueryCost").asLong(estimate.cost());
                if (cost.has("requestedQueryCost")) {
                    costs.learn(shape, requested);
                }
                JsonNode errors = json.path("errors");
                if (hasCode(errors, "THROTTLED")) {
                    Duration wait = pacer.onThrottled(reservation, requested, status);
                    if (throttledAnswers >= maxThrottledRetries) {
                        throw new RateLimitException("Shopify answered THROTTLED " + (throttledAnswers + 1)
                                + " times to " + operation + " (cost " + requested + ", " + (status == null ? "?"
                                : (long) status.currentlyAvailable()) + " points available); the bucket needs "
                                + wait.toMillis() + " ms more. Send fewer or cheaper queries, or try again later.",
                                context(response).retryable(true).retryAfter(wait).platformErrorCode("THROTTLED")
                                        .build());
                    }
                    continue; // beforeQuery waits for the refill before resending
                }
                pacer.afterResponse(reservation, cost.path("actualQueryCost").asLong(0), status);
                if (errors.isArray() && !errors.isEmpty()) {
                    throw graphqlErrors(operation, errors, response);
                }
                JsonNode data = json.path("data");
                if (!data.isObject()) {
                    throw new ApiException("Shopify answered " + operation + " without data",
                            context(response).build());
                }
                return data;
            } finally {
                costs.release(estimate);
            }
        }
    }

    private static ConnectionException interruptedWhilePacing(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ConnectionException("Interrupted while pacing a Shopify query; it was not sent",
                ErrorContext.builder().platform(Platform.SHOPIFY).build(), e);
    }

    private static ThrottleStatus throttleStatus(JsonNode cost) {
        JsonNode t = cost.path("throttleStatus");
        if (!t.isObject()) {
            return null;
        }
        return new ThrottleStatus(t.path("maximumAvailable").asDouble(), t.path("currentlyAvailable").asDouble(),
                t.path("restoreRate").asDouble());
    }

    private static boolean hasCode(JsonNode errors, String code) {
        for (JsonNode e : errors) {
            if (code.equals(e.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException graphqlErrors(String operation, JsonNode errors, ApiResponse response) {
        List<String> messages = new ArrayList<>();
        List<ValidationError> details = new ArrayList<>();
        String firstCode = null;
        for (JsonNode e : errors) {
            String code = e.path("extensions").path("code").asText("");
            firstCode = firstCode == null && !code.isEmpty() ? code : firstCode;
            messages.add(e.path("message").asText() + (code.isEmpty() ? "" : " (" + code + ")"));
            details.add(new ValidationError(operation, code.isEmpty() ? "GRAPHQL_ERROR" : code,
                    e.path("message").asText()));
        }
        ErrorContext ctx = context(response).platformErrorCode(firstCode).validationErrors(details).build();
        String text = "Shopify refused " + operation + ": " + String.join("; ", messages);
        if ("MAX_COST_EXCEEDED".equals(firstCode)) {
            return new InvalidRequestException(text + ". Ask for smaller pages or use a bulk operation.", ctx);
        }
        if ("INTERNAL_SERVER_ERROR".equals(firstCode)) {
            return new ApiException(text, ctx.toBuilder().retryable(true).build());
        }
        return new InvalidRequestException(text, ctx);
    }

    private static ErrorContext.Builder context(ApiResponse response) {
        return ErrorContext.builder().platform(Platform.SHOPIFY).httpStatus(response.status())
                .requestId(response.requestId().orElse(null)).attempts(response.attempts());
    }
}
