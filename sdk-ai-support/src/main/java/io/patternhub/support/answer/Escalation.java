package io.patternhub.support.answer;

import io.patternhub.support.kb.Citation;
import java.util.List;
import java.util.Objects;

/**
 * A hand-off to a person.
 *
 * @param reason why the assistant did not answer
 * @param summary a short summary of the ticket and of what the assistant found, for the person
 * @param found the documentation passages the assistant looked at, best first (may be empty)
 */
public record Escalation(EscalationReason reason, String summary, List<Citation> found) {
    public Escalation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(summary, "summary");
        found = List.copyOf(found);
    }
}
