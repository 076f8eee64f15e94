package io.patternhub.support.helpdesk;

import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.answer.SupportAgent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes new tickets from a {@link Helpdesk}, answers or escalates each through a {@link SupportAgent},
 * and never answers the same ticket twice: a ticket is claimed in the {@link HandledTicketStore}
 * before anything is sent, so a restart (or a helpdesk that shows the ticket again) finds it
 * claimed. A ticket claimed by an attempt that never completed is handed to a person with a note
 * instead of being answered again: the customer may or may not have received the first reply.
 */
public final class SupportLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SupportLoop.class);

    private final Helpdesk helpdesk;
    private final SupportAgent agent;
    private final HandledTicketStore store;

    private SupportLoop(Builder b) {
        this.helpdesk = Objects.requireNonNull(b.helpdesk, "helpdesk");
        this.agent = Objects.requireNonNull(b.agent, "agent");
        this.store = Objects.requireNonNull(b.store, "store");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Handles every new ticket once; run it on a schedule. One failing ticket does not stop the others. */
    public synchronized LoopReport runOnce() {
        Map<String, LoopReport.Outcome> outcomes = new LinkedHashMap<>();
        for (Ticket ticket : helpdesk.fetchNew()) {
            outcomes.put(ticket.id(), handle(ticket));
        }
        return new LoopReport(outcomes);
    }

    private LoopReport.Outcome handle(Ticket ticket) {
        var state = store.state(ticket.id());
        if (state.isPresent()) {
            if (state.get() == HandledTicketStore.State.DONE) {
                // Handled before, but the helpdesk still shows it as new (its status update was lost).
                quietly(() -> helpdesk.setStatus(ticket, TicketStatus.PENDING));
                return LoopReport.Outcome.ALREADY_HANDLED;
            }
            return interrupted(ticket);
        }
        if (!store.claim(ticket.id())) {
            return LoopReport.Outcome.ALREADY_HANDLED;
        }
        try {
            Answer answer = agent.handle(Inquiry.builder().subject(ticket.subject()).body(ticket.body())
                    .customerEmail(ticket.customerEmail().orElse(null)).build());
            helpdesk.reply(ticket, answer.text());
            if (answer.answered()) {
                if (!answer.actions().isEmpty()) {
                    helpdesk.addInternalNote(ticket, "Actions taken by the assistant:\n- " + String.join("\n- ", answer.actions()));
                }
                helpdesk.setStatus(ticket, TicketStatus.SOLVED);
                store.complete(ticket.id(), LoopReport.Outcome.ANSWERED.name());
                return LoopReport.Outcome.ANSWERED;
            }
            StringBuilder note = new StringBuilder(answer.escalation().orElseThrow().summary());
            if (!answer.actions().isEmpty()) {
                note.append("\nActions taken:\n- ").append(String.join("\n- ", answer.actions()));
            }
            helpdesk.addInternalNote(ticket, note.toString());
            helpdesk.setStatus(ticket, TicketStatus.ESCALATED);
            store.complete(ticket.id(), LoopReport.Outcome.ESCALATED.name());
            return LoopReport.Outcome.ESCALATED;
        } catch (RuntimeException e) {
            LOG.warn("Ticket {} failed; it stays claimed and goes to a person on the next pass: {}", ticket.id(), e.toString());
            return LoopReport.Outcome.FAILED;
        }
    }

    private LoopReport.Outcome interrupted(Ticket ticket) {
        try {
            helpdesk.addInternalNote(ticket, "An earlier attempt to answer this ticket did not finish, so the assistant"
                    + " will not answer it again: the customer may or may not have received a reply. Please check the"
                    + " thread and reply yourself.\nSubject: " + ticket.subject());
            helpdesk.setStatus(ticket, TicketStatus.ESCALATED);
            store.complete(ticket.id(), LoopReport.Outcome.INTERRUPTED.name());
            return LoopReport.Outcome.INTERRUPTED;
        } catch (RuntimeException e) {
            LOG.warn("Could not hand interrupted ticket {} to a person: {}", ticket.id(), e.toString());
            return LoopReport.Outcome.FAILED;
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not update a ticket status: {}", e.toString());
        }
    }

    /** Builds a {@link SupportLoop}. */
    public static final class Builder {
        private Helpdesk helpdesk;
        private SupportAgent agent;
        private HandledTicketStore store;

        private Builder() {
        }

        public Builder helpdesk(Helpdesk helpdesk) {
            this.helpdesk = helpdesk;
            return this;
        }

        public Builder agent(SupportAgent agent) {
            this.agent = agent;
            return this;
        }

        /** Where handled tickets are remembered; use a durable store such as {@link FileHandledTicketStore}. */
        public Builder store(HandledTicketStore store) {
            this.store = store;
            return this;
        }

        public SupportLoop build() {
            return new SupportLoop(this);
        }
    }
}
