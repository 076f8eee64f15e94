package io.patternhub.support.helpdesk;

import java.util.List;

/**
 * Where tickets come from and replies go: a mailbox, Zendesk, and so on. Implementations are
 * thread-safe and throw {@link io.patternhub.core.error.PatternHubException}s (a
 * {@link io.patternhub.core.error.ConnectionException} when the helpdesk cannot be reached).
 */
public interface Helpdesk {

    /** Tickets that are open and have not been given a status yet, oldest first. */
    List<Ticket> fetchNew();

    /** Sends {@code text} to the customer on the ticket's thread. */
    void reply(Ticket ticket, String text);

    /** Adds a note only the seller's team sees. */
    void addInternalNote(Ticket ticket, String note);

    /** Moves the ticket to {@code status}; anything but {@link TicketStatus#OPEN} stops it being fetched as new. */
    void setStatus(Ticket ticket, TicketStatus status);
}
