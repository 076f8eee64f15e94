package io.patternhub.core.error;

import java.util.Objects;

/** A webhook delivery failed verification and must be rejected (answer it with HTTP 401). */
public class WebhookVerificationException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    /** Why a delivery was rejected. */
    public enum Reason {
        MISSING_HEADER,
        MALFORMED_HEADER,
        SIGNATURE_MISMATCH,
        TIMESTAMP_TOO_OLD,
        TIMESTAMP_IN_FUTURE
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(message, ErrorContext.empty());
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
