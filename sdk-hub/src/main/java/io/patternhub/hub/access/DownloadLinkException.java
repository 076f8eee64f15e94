package io.patternhub.hub.access;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import java.util.Objects;

/**
 * A download link was refused; {@link #reason()} says why (answer 403, or 410 for expired links).
 */
public class DownloadLinkException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    /** Why a link was refused. */
    public enum Reason {
        /** Malformed, or the signature does not match: it was altered or not made by this hub. */
        TAMPERED,
        /** Its time limit has passed. */
        EXPIRED,
        /** Its download count is used up. */
        DOWNLOAD_LIMIT_REACHED,
        /** The entitlement was revoked (refund, cancellation) or the link is unknown. */
        REVOKED
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what happened and what to do
     */
    public DownloadLinkException(Reason reason, String message) {
        super(message, ErrorContext.empty());
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
