package io.patternhub.core.model;

/** Where a payout stands. */
public enum PayoutStatus {
    /** Accumulating; not yet sent. */
    PENDING,
    /** Sent to the bank, not yet arrived. */
    IN_TRANSIT,
    /** Deposited. */
    PAID,
    FAILED,
    CANCELLED
}
