package io.patternhub.core.model;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import java.util.List;

/**
 * A model value could not be built because what was given is incomplete or inconsistent (a missing
 * required attribute, a negative quantity, an unbalanced journal). The message names the value and
 * the field; {@link #validationErrors()} carries the same in structured form.
 */
public class InvalidModelException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    /**
     * Used by the generated builders for missing attributes and {@code null} values.
     *
     * @param message what is wrong
     */
    public InvalidModelException(String message) {
        super(message, ErrorContext.empty());
    }

    /**
     * A problem with one field of one value type.
     *
     * @param type    the value type, e.g. {@code "Order"}
     * @param field   the offending field
     * @param message what is wrong and what to do
     */
    public InvalidModelException(String type, String field, String message) {
        super(type + "." + field + ": " + message, ErrorContext.builder()
                .validationErrors(List.of(new ValidationError(type + "." + field, "invalid", message)))
                .build());
    }

    /**
     * A problem with one field, caused by a lower-level failure.
     *
     * @param type    the value type
     * @param field   the offending field
     * @param message what is wrong
     * @param cause   the underlying failure
     */
    public InvalidModelException(String type, String field, String message, Throwable cause) {
        super(type + "." + field + ": " + message, ErrorContext.builder()
                .validationErrors(List.of(new ValidationError(type + "." + field, "invalid", message)))
                .build(), cause);
    }
}
