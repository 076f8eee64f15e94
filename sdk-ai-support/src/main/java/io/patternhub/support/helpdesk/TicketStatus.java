package io.patternhub.support.helpdesk;

/** Where a ticket stands. */
public enum TicketStatus {
    /** New or reopened: the assistant may pick it up. */
    OPEN,
    /** Answered; waiting to see whether the customer writes back. */
    PENDING,
    /** Answered and closed. */
    SOLVED,
    /** Handed to a person. */
    ESCALATED
}
