package io.patternhub.support.answer;

import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.ScoredPassage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the summary a person reads when a ticket is escalated. */
final class Summaries {
    private static final int QUOTE_CHARS = 400;

    private Summaries() {
    }

    static Escalation escalation(Inquiry inquiry, EscalationReason reason, String why, List<ScoredPassage> found) {
        StringBuilder sb = new StringBuilder();
        sb.append("Escalated: ").append(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" (").append(why).append(").\n");
        inquiry.customerEmail().ifPresent(e -> sb.append("Customer: ").append(e).append('\n'));
        String text = inquiry.text().replaceAll("\\s+", " ");
        sb.append("Customer wrote: \"")
                .append(text.length() > QUOTE_CHARS ? text.substring(0, QUOTE_CHARS) + "..." : text)
                .append("\"\n");
        List<Citation> citations = new ArrayList<>();
        if (found.isEmpty()) {
            sb.append("Documentation found: nothing relevant.");
        } else {
            sb.append("Documentation found:");
            for (ScoredPassage sp : found) {
                citations.add(sp.passage().citation());
                sb.append("\n- ").append(sp.passage().citation().label())
                        .append(String.format(Locale.ROOT, " (matches %.0f%% of the question)", 100 * sp.queryCoverage()));
            }
        }
        return new Escalation(reason, sb.toString(), citations);
    }
}
