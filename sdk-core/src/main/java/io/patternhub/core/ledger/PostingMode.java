package io.patternhub.core.ledger;

/** How sales are booked into a ledger. */
public enum PostingMode {
    /** One summary journal per payout, whose bank line equals the deposit (A2X style). */
    PER_PAYOUT,
    /** One journal per order (Synder style). */
    PER_ORDER
}
