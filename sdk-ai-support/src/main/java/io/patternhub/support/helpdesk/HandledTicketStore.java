package io.patternhub.support.helpdesk;

import java.util.Optional;

/**
 * Remembers which tickets the support loop has taken, so no ticket is answered twice, also after a
 * restart or crash. A ticket is claimed before any reply is sent and completed afterwards; a claim
 * without completion means an attempt was interrupted. Implementations are thread-safe and durable
 * (a claim has reached storage when {@link #claim} returns).
 */
public interface HandledTicketStore {

    /** What is recorded about a ticket. */
    enum State { CLAIMED, DONE }

    /** The recorded state of a ticket, if any. */
    Optional<State> state(String ticketId);

    /**
     * Claims a ticket.
     *
     * @return {@code true} if this call claimed it; {@code false} if it was already claimed or done
     */
    boolean claim(String ticketId);

    /** Records that the ticket was fully handled, with a word on how (e.g. {@code ANSWERED}). */
    void complete(String ticketId, String outcome);
}
