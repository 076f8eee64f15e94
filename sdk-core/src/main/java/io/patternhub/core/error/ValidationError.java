package io.patternhub.core.error;

import java.util.Objects;

/**
 * One field-level problem a platform reported about a request (for example one item of a Xero
 * batch with {@code summarizeErrors=false}, or a missing required field on Etsy).
 *
 * @param field   the field or item the problem is about, as the platform names it; empty when unknown
 * @param code    the platform's code for the problem; empty when it has none
 * @param message the platform's message
 */
public record ValidationError(String field, String code, String message) {
    public ValidationError {
        field = Objects.requireNonNullElse(field, "");
        code = Objects.requireNonNullElse(code, "");
        message = Objects.requireNonNull(message, "message");
    }
}
