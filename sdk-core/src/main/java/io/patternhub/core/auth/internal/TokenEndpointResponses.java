package io.patternhub.core.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.RateLimitException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns token endpoint answers (RFC 6749 sections 5.1 and 5.2) into tokens or typed errors.
 * Internal: not part of the public API.
 */
public final class TokenEndpointResponses {
    private static final Set<String> STANDARD_FIELDS = Set.of("access_token", "refresh_token", "token_type",
            "expires_in", "scope");

    private final ObjectMapper mapper;
    private final Platform platform;
    private final String scopeSeparator;

    public TokenEndpointResponses(ObjectMapper mapper, Platform platform, String scopeSeparator) {
        this.mapper = mapper;
        this.platform = platform;
        this.scopeSeparator = scopeSeparator;
    }

    /**
     * The token in a response, or the typed error it carries.
     *
     * @param status    the HTTP status
     * @param body      the response body (may be empty)
     * @param requestId the platform's request id header, or {@code null}
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param issuedAt  when the request was sent; {@code expires_in} counts from here so expiry errs early
     * @param grant     {@code authorization_code} or {@code refresh_token}, for messages
     * @return the token
     */
    public OAuthToken parse(int status, String body, String requestId, String retryAfter, Instant issuedAt,
            String grant) {
        JsonNode json = readJson(body);
        String error = json != null && json.hasNonNull("error") ? json.get("error").asText() : null;
        if (status >= 200 && status < 300 && error == null) {
            return token(json, status, requestId, issuedAt);
        }
        ErrorContext.Builder context = ErrorContext.builder().platform(platform).httpStatus(status)
                .platformErrorCode(error).requestId(requestId);
        String description = json != null && json.hasNonNull("error_description")
                ? ": " + json.get("error_description").asText() : "";
        if (status == 429) {
            throw new RateLimitException("token endpoint is rate limiting (" + grant + "); retry later",
                    context.retryable(true).retryAfter(parseRetryAfter(retryAfter)).build());
        }
        if (status >= 500 || "temporarily_unavailable".equals(error)) {
            throw new ApiException("token endpoint failed (" + grant + ", HTTP " + status + ")" + description
                    + "; the call can be retried", context.retryable(true).build());
        }
        if ("invalid_grant".equals(error)) {
            throw new AuthenticationException("the platform refused the " + grant.replace('_', ' ')
                    + " (invalid_grant: expired, revoked or already used)" + description
                    + "; the seller must reconnect (authorise the app again)", context.build());
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            throw new AuthenticationException("the platform refused the app's client credentials (" + error + ")"
                    + description + "; check the client id, secret and client authentication method",
                    context.build());
        }
        if (error != null || status == 400 || status == 401 || status == 403) {
            throw new AuthenticationException("token request (" + grant + ") was refused"
                    + (error == null ? "" : " (" + error + ")") + description, context.build());
        }
        throw new ApiException("token endpoint answered HTTP " + status + " without an OAuth error; "
                + "check the token endpoint URL", context.build());
    }

    private OAuthToken token(JsonNode json, int status, String requestId, Instant issuedAt) {
        if (json == null || !json.hasNonNull("access_token") || json.get("access_token").asText().isEmpty()) {
            throw new ApiException("token endpoint answered without an access_token",
                    ErrorContext.builder().platform(platform).httpStatus(status).requestId(requestId).build());
        }
        Instant expiresAt = null;
        JsonNode expiresIn = json.get("expires_in");
        if (expiresIn != null && !expiresIn.isNull()) {
            // Some platforms send the number as text.
            try {
                long seconds = expiresIn.isNumber() ? expiresIn.asLong() : Long.parseLong(expiresIn.asText().trim());
                expiresAt = issuedAt.plusSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new ApiException("token endpoint answered an unreadable expires_in",
                        ErrorContext.builder().platform(platform).httpStatus(status).requestId(requestId).build(), e);
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!STANDARD_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                extra.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText()
                        : field.getValue().toString());
            }
        }
        return OAuthToken.builder()
                .accessToken(json.get("access_token").asText())
                .refreshToken(json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null)
                .tokenType(json.hasNonNull("token_type") ? json.get("token_type").asText() : null)
                .expiresAt(expiresAt)
                .scopes(json.hasNonNull("scope") ? splitScopes(json.get("scope").asText()) : List.of())
                .additionalParameters(extra)
                .build();
    }

    /** Splits a {@code scope} value on the configured separator (and on any whitespace). */
    public List<String> splitScopes(String scope) {
        String normalized = scope.replace(scopeSeparator, " ").trim();
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split("\\s+"));
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Duration parseRetryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
