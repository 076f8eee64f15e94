package io.patternhub.support.helpdesk;

import java.util.List;
import java.util.Map;

/**
 * What one pass of the {@link SupportLoop} did.
 *
 * @param outcomes each fetched ticket's id and what happened to it
 */
public record LoopReport(Map<String, Outcome> outcomes) {

    /** What happened to one ticket. */
    public enum Outcome {
        /** Answered by the assistant. */
        ANSWERED,
        /** Handed to a person, with a holding reply to the customer and an internal note. */
        ESCALATED,
        /** Already handled before (this run or an earlier one): nothing sent. */
        ALREADY_HANDLED,
        /** An earlier attempt was interrupted: escalated with a note, nothing sent to the customer. */
        INTERRUPTED,
        /** This attempt failed; the ticket stays claimed and goes to a person on the next pass. */
        FAILED
    }

    public LoopReport {
        outcomes = Map.copyOf(outcomes);
    }

    /** The ids of the tickets that had {@code outcome}. */
    public List<String> with(Outcome outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == outcome).map(Map.Entry::getKey).sorted().toList();
    }
}
