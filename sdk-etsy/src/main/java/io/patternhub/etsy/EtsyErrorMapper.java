package io.patternhub.etsy;

import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.DefaultErrorMapper;

/**
 * Maps Etsy's error document ({@code {"error": "..."}}, the spec's {@code ErrorSchema}) to typed
 * errors: the default mapping by status, with Etsy's message, and for 403 the scopes to check.
 * Thread-safe.
 */
public final class EtsyErrorMapper extends DefaultErrorMapper {

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        PatternHubException mapped = super.map(response, context);
        if (response.status() == 403) {
            String said = message(parse(response)).map(m -> ": " + m).orElse("");
            return new AuthenticationException("Etsy refused " + response.request().method() + " "
                    + response.request().path() + " with HTTP 403" + said + ". The token lacks a scope this call needs"
                    + " (listings_r, listings_w or transactions_r) or the shop is not the token's; reconnect with"
                    + " EtsyOAuth.DEFAULT_SCOPES.", mapped.context());
        }
        return mapped;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(ApiResponse response) {
        try {
            return response.json();
        } catch (PatternHubException notJson) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
