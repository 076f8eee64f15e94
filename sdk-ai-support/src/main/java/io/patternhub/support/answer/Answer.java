package io.patternhub.support.answer;

import io.patternhub.support.kb.Citation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant's reply to an inquiry: either an answer that cites its sources, or an escalation to
 * a person with a holding reply for the customer.
 *
 * @param text what to send the customer
 * @param citations the documents (and pages or sections) the answer rests on; empty for escalations
 *     and for answers that only report actions taken
 * @param actions what the assistant did, e.g. "Resent the download links for order 1001"
 * @param escalation the hand-off, present exactly when the ticket goes to a person
 */
public record Answer(String text, List<Citation> citations, List<String> actions, Optional<Escalation> escalation) {

    public Answer {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        actions = List.copyOf(actions);
        Objects.requireNonNull(escalation, "escalation");
    }

    /** The holding reply sent to a customer whose ticket goes to a person. */
    public static final String HOLDING_REPLY = "Thank you for your message. I have passed it to a member of our "
            + "team, who will get back to you within two working days.";

    /** An answer grounded in documentation. */
    public static Answer answered(String text, List<Citation> citations) {
        return new Answer(text, citations, List.of(), Optional.empty());
    }

    /** An escalation with the standard holding reply. */
    public static Answer escalated(Escalation escalation) {
        return new Answer(HOLDING_REPLY, List.of(), List.of(), Optional.of(escalation));
    }

    /** Whether the assistant answered the customer itself. */
    public boolean answered() {
        return escalation.isEmpty();
    }

    public boolean escalated() {
        return escalation.isPresent();
    }

    /** The same answer with these actions recorded. */
    public Answer withActions(List<String> newActions) {
        return new Answer(text, citations, newActions, escalation);
    }
}
