package io.patternhub.hub.sync.internal;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;

/** A pattern that cannot be synced to a storefront until the seller fixes it; not retried. */
public final class SyncProblem extends PatternHubException {
    private static final long serialVersionUID = 1L;

    public SyncProblem(String message) {
        super(message, ErrorContext.empty());
    }
}
