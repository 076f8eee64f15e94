package io.patternhub.ravelry;

import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ErrorContext;

/**
 * Ravelry answered 403: the credentials lack a permission the call needs. Ravelry grants
 * {@code patternstore-write} (products and attachments) only to apps it whitelisted, and
 * {@code patternstore-purchases} (sales) to no OAuth app at all: only the seller's personal key has it.
 * {@link #permission()} names the permission; the message says how to get it.
 */
public class RavelryPermissionException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final String permission;

    /**
     * @param message    what was refused and what to do
     * @param context    the error context
     * @param permission the Ravelry permission the call needs, e.g. {@code patternstore-write}
     */
    public RavelryPermissionException(String message, ErrorContext context, String permission) {
        super(message, context);
        this.permission = permission;
    }

    /** The Ravelry permission the refused call needs, e.g. {@code patternstore-write}. */
    public String permission() {
        return permission;
    }
}
