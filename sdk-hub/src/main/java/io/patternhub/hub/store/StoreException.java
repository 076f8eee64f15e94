package io.patternhub.hub.store;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;

/** The hub's database failed: a statement, a connection or a migration. The cause has the driver's detail. */
public class StoreException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the store was doing
     * @param cause   the driver's error
     */
    public StoreException(String message, Throwable cause) {
        super(message, ErrorContext.empty(), cause);
    }

    /**
     * @param message what went wrong
     */
    public StoreException(String message) {
        super(message, ErrorContext.empty());
    }
}
