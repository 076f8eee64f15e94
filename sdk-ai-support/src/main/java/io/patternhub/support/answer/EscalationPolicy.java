package io.patternhub.support.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that send a ticket to a person before any answer is attempted: the customer asks for a
 * person, for a refund (or reports a double charge, wants to cancel), or for something that needs
 * their account or order changed. A wrong answer costs more than an escalation, so the rules lean
 * towards escalating. Immutable and thread-safe.
 */
public final class EscalationPolicy {

    /**
     * A rule that matched.
     *
     * @param reason the escalation reason
     * @param matched the words in the message that matched
     */
    public record Trigger(EscalationReason reason, String matched) {
    }

    private record Rule(EscalationReason reason, Pattern pattern) {
    }

    private final List<Rule> rules;

    private EscalationPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The default rules for a pattern shop. */
    public static EscalationPolicy defaults() {
        return builder().build();
    }

    /** A builder starting from the default rules. */
    public static Builder builder() {
        return new Builder(true);
    }

    /** A builder with no rules at all. */
    public static Builder empty() {
        return new Builder(false);
    }

    /** The first rule that matches {@code text}, if any. */
    public Optional<Trigger> check(String text) {
        Objects.requireNonNull(text, "text");
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                return Optional.of(new Trigger(rule.reason(), m.group()));
            }
        }
        return Optional.empty();
    }

    /** Builds an {@link EscalationPolicy}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder(boolean withDefaults) {
            if (withDefaults) {
                human("\\b(speak|talk|chat)\\s+(to|with)\\s+(a\\s+|an\\s+|the\\s+|some\\s*)?(real\\s+|actual\\s+|live\\s+)?"
                        + "(human|person|someone|somebody|agent|representative|owner|designer|manager|staff)");
                human("\\b(real|actual|live)\\s+(person|human)\\b");
                human("\\bhuman\\s+(please|agent|being)\\b");
                human("\\b(get|put|connect|transfer)\\s+me\\s+(to\\s+)?(a|an|the)\\s+(human|person|manager|supervisor|agent|owner)\\b");
                human("\\bnot\\s+(a|an)\\s+(bot|robot|ai|machine)\\b");
                human("\\b(contact|reach|escalate\\s+to)\\s+(a|the)\\s+(person|human|owner|designer|manager)\\b");
                refund("\\b(refund|reimburse)\\s+(me|my|this|the|it)\\b");
                refund("\\b(want|would\\s+like|'d\\s+like|need|get|have|request(ing)?|demand(ing)?|issue|give|expect)\\b"
                        + "[^.?!]{0,40}\\b(refund|money\\s+back|reimbursement)\\b");
                refund("\\bmoney\\s+back\\b");
                refund("\\b(exchange|swap)\\b[^.?!]{0,40}\\b(for|pattern|instead)\\b");
                refund("\\b(charged|billed)\\s+(me\\s+)?(twice|two\\s+times|double)\\b|\\bdouble[- ]charged\\b");
                refund("\\b(chargeback|dispute\\s+the\\s+(charge|payment))\\b");
                refund("\\bcancel\\s+(my|the|this)\\s+(order|purchase|payment)\\b");
                account("\\b(change|update|correct|fix)\\s+(the\\s+|my\\s+)?(e-?mail|address|name|billing)"
                        + "(\\s+address)?\\s+(on|for|in|of)\\s+(my|the)\\s+(order|account|purchase|receipt)");
                account("\\b(delete|remove|erase)\\s+(my\\s+)?(account|personal\\s+data|data)\\b|\\bgdpr\\b");
                account("\\b(reset|forgot|forgotten|change)\\s+(my\\s+)?password\\b|\\b(can'?t|cannot|unable\\s+to)\\s+(log|sign)\\s*in");
                account("\\b(vat|tax)\\s+invoice\\b|\\b(send|need|want)\\s+(me\\s+)?(an?\\s+)?invoice\\b");
                account("\\btransfer\\b[^.?!]{0,30}\\b(pattern|purchase|order|licen[cs]e)\\b");
                account("\\bunsubscribe\\b");
            }
        }

        /** Adds a rule; rules are checked in the order they were added. */
        public Builder rule(EscalationReason reason, String regex) {
            rules.add(new Rule(Objects.requireNonNull(reason, "reason"),
                    Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
            return this;
        }

        private void human(String regex) {
            rule(EscalationReason.HUMAN_REQUESTED, regex);
        }

        private void refund(String regex) {
            rule(EscalationReason.REFUND_REQUEST, regex);
        }

        private void account(String regex) {
            rule(EscalationReason.ACCOUNT_SPECIFIC, regex);
        }

        public EscalationPolicy build() {
            return new EscalationPolicy(rules);
        }
    }
}
