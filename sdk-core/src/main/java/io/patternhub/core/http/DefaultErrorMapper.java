package io.patternhub.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default {@link ErrorMapper}: 401 and 403 to {@link AuthenticationException}, 404 to
 * {@link NotFoundException}, 429 to a retryable {@link RateLimitException}, 400, 409 and 422 to
 * {@link InvalidRequestException} with the validation errors found in the body, 5xx to a
 * retryable {@link ApiException}, anything else to a non-retryable {@link ApiException}.
 *
 * <p>It understands the common JSON error shapes ({@code error}, {@code error_description},
 * {@code message}, {@code detail}, and an {@code errors} array of strings or of objects with
 * {@code field}/{@code code}/{@code message}). Platform modules subclass it and override
 * {@link #message}, {@link #errorCode} or {@link #validationErrors} for their own documents.
 */
public class DefaultErrorMapper implements ErrorMapper {

    @Override
    public PatternHubException map(ApiResponse response, ErrorContext context) {
        JsonNode body = parseQuietly(response);
        ErrorContext.Builder ctx = context.toBuilder();
        errorCode(body).ifPresent(ctx::platformErrorCode);
        List<ValidationError> validation = validationErrors(body);
        ctx.validationErrors(validation);
        int status = response.status();
        String what = response.platform().displayName() + " answered " + response.request().method() + " "
                + pathOnly(response.request().path()) + " with HTTP " + status;
        String said = message(body).map(m -> ": " + m).orElse("");
        return switch (status) {
            case 401, 403 -> new AuthenticationException(what + said
                    + ". The credentials were refused; reconnect the account or check its scopes.",
                    ctx.retryable(false).build());
            case 404 -> new NotFoundException(what + said + ". The resource does not exist or is not visible"
                    + " to this account.", ctx.retryable(false).build());
            case 429 -> new RateLimitException(what + said + ". The rate limit is exhausted"
                    + context.retryAfter().map(d -> "; retry after " + d.toMillis() + " ms").orElse("") + ".",
                    ctx.retryable(true).build());
            case 400, 409, 422 -> new InvalidRequestException(what + said
                    + (validation.isEmpty() ? "" : " (" + validation.size() + " validation errors)")
                    + ". Fix the request before sending it again.", ctx.retryable(false).build());
            default -> status >= 500
                    ? new ApiException(what + said + ". The platform failed; the call may succeed later.",
                            ctx.retryable(true).build())
                    : new ApiException(what + said + ".", ctx.retryable(false).build());
        };
    }

    /** The platform's human-readable message, if the body has one. */
    protected Optional<String> message(JsonNode body) {
        for (String field : new String[] {"error_description", "message", "detail", "error_msg", "Message"}) {
            JsonNode n = body.path(field);
            if (n.isTextual() && !n.asText().isBlank()) {
                return Optional.of(n.asText());
            }
        }
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return Optional.of(error.asText());
        }
        if (error.isObject()) {
            return message(error);
        }
        List<ValidationError> errors = validationErrors(body);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).message());
    }

    /** The platform's machine-readable error code, if the body has one. */
    protected Optional<String> errorCode(JsonNode body) {
        for (String field : new String[] {"code", "error_code", "type", "Type"}) {
            JsonNode n = body.path(field);
            if (n.isValueNode() && !n.asText().isBlank()) {
                return Optional.of(n.asText());
            }
        }
        JsonNode error = body.path("error");
        if (error.isObject()) {
            return errorCode(error);
        }
        if (error.isTextual() && body.has("error_description")) {
            return Optional.of(error.asText()); // OAuth style: error is the code
        }
        return Optional.empty();
    }

    /** Field-level problems, from an {@code errors} array of objects or strings. */
    protected List<ValidationError> validationErrors(JsonNode body) {
        List<ValidationError> out = new ArrayList<>();
        JsonNode errors = body.path("errors");
        if (errors.isMissingNode() && body.path("error").isObject()) {
            errors = body.path("error").path("errors");
        }
        if (errors.isArray()) {
            for (JsonNode e : errors) {
                if (e.isTextual()) {
                    out.add(new ValidationError("", "", e.asText()));
                } else if (e.isObject()) {
                    String msg = text(e, "message", "detail", "description", "msg");
                    out.add(new ValidationError(text(e, "field", "param", "path", "attribute"), text(e, "code", "type"),
                            msg.isEmpty() ? e.toString() : msg));
                }
            }
        } else if (errors.isObject()) {
            // {"errors": {"field": ["problem", ...]}} (Rails/WordPress style)
            errors.fields().forEachRemaining(entry -> {
                if (entry.getValue().isArray()) {
                    entry.getValue().forEach(m -> out.add(new ValidationError(entry.getKey(), "", m.asText())));
                } else {
                    out.add(new ValidationError(entry.getKey(), "", entry.getValue().asText()));
                }
            });
        }
        return out;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode n = node.path(name);
            if (n.isValueNode()) {
                return n.asText();
            }
            if (n.isArray() && !n.isEmpty()) {
                return n.toString();
            }
        }
        return "";
    }

    private static JsonNode parseQuietly(ApiResponse response) {
        try {
            return response.json();
        } catch (PatternHubException notJson) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
