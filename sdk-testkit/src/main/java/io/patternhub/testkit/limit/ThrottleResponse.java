package io.patternhub.testkit.limit;

import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;

/**
 * Builds the platform's own answer to a throttled request when it is not a plain 429, e.g.
 * Shopify GraphQL's HTTP 200 with {@code errors[].extensions.code = "THROTTLED"}. Without one the
 * server answers 429 with {@code Retry-After} in the platform's error shape.
 */
@FunctionalInterface
public interface ThrottleResponse {
    /**
     * The response for a throttled request; the limiter's headers are added to it.
     *
     * @param request the throttled request
     * @param state the limiter's state
     * @return the response
     */
    SandboxResponse respond(SandboxRequest request, LimitState state);
}
