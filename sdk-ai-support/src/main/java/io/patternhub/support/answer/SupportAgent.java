package io.patternhub.support.answer;

import io.patternhub.core.error.PatternHubException;
import io.patternhub.support.kb.Retriever;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.tools.OrderSummary;
import io.patternhub.support.tools.OrderTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support assistant: decides, for each inquiry, whether to escalate at once (a person, a refund,
 * an account change), to act (resend download links through {@link OrderTools}), or to answer from
 * the documentation through an {@link Answerer}, which may itself abstain. Thread-safe.
 */
public final class SupportAgent {
    private static final Pattern LINK_PROBLEM = Pattern.compile(
            "\\b(resend|re-send|send\\s+(me\\s+)?(it|them|the\\s+\\w+)?\\s*again|didn'?t\\s+(get|receive)|did\\s+not\\s+(get|receive)"
                    + "|never\\s+(got|received)|have\\s*n[o']t\\s+(got|received)|haven'?t\\s+(got|received)|lost|can'?t\\s+find|cannot\\s+find"
                    + "|expired|no\\s+longer\\s+works?|doesn'?t\\s+work)\\b[^.?!]{0,60}\\b(link|links|download|downloads|file|files|email|pattern)s?\\b"
                    + "|\\b(link|links|download)\\b[^.?!]{0,40}\\b(expired|doesn'?t\\s+work|not\\s+working|broken|never\\s+arrived|didn'?t\\s+arrive)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_NUMBER = Pattern.compile(
            // An order number has a digit: "my order from Etsy" names no order.
            "\\border\\s*(?:number|no\\.?|nr\\.?|id)?\\s*(?:is|was|:)?\\s*#?\\s*((?=[A-Z-]*\\d)[A-Z0-9][A-Z0-9-]{3,})\\b"
                    + "|#\\s*([0-9][A-Z0-9-]{3,})\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    private final Retriever retriever;
    private final Answerer answerer;
    private final EscalationPolicy policy;
    private final OrderTools orderTools;

    private SupportAgent(Builder b) {
        this.retriever = Objects.requireNonNull(b.retriever, "retriever");
        this.answerer = b.answerer != null ? b.answerer : ExtractiveAnswerer.builder(retriever).build();
        this.policy = b.policy;
        this.orderTools = b.orderTools;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Answers, acts on, or escalates one inquiry. */
    public Answer handle(Inquiry inquiry) {
        String text = inquiry.text();
        Optional<EscalationPolicy.Trigger> trigger = policy.check(text);
        if (trigger.isPresent()) {
            return Answer.escalated(Summaries.escalation(inquiry, trigger.get().reason(),
                    "the customer wrote \"" + trigger.get().matched() + "\"", found(text)));
        }
        if (orderTools != null && LINK_PROBLEM.matcher(text).find()) {
            return resendLinks(inquiry);
        }
        try {
            return answerer.answer(inquiry);
        } catch (PatternHubException e) {
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.ANSWERER_FAILED,
                    "the answerer failed: " + e.getMessage(), found(text)));
        }
    }

    private Answer resendLinks(Inquiry inquiry) {
        String text = inquiry.text();
        List<String> actions = new ArrayList<>();
        Optional<OrderSummary> order = Optional.empty();
        try {
            Matcher m = ORDER_NUMBER.matcher(text);
            if (m.find()) {
                String number = m.group(1) != null ? m.group(1) : m.group(2);
                order = orderTools.findOrder(number);
                actions.add("Looked up order " + number + (order.isPresent() ? " on " + order.get().platform().displayName()
                        : ": not found"));
            }
            if (order.isEmpty()) {
                Matcher em = EMAIL.matcher(text);
                Optional<String> email = em.find() ? Optional.of(em.group()) : inquiry.customerEmail();
                if (email.isPresent()) {
                    List<OrderSummary> byEmail = orderTools.findOrdersByEmail(email.get());
                    actions.add("Looked up orders for the customer's email address: " + byEmail.size() + " found");
                    order = byEmail.stream().findFirst();
                }
            }
            if (order.isEmpty()) {
                Escalation e = Summaries.escalation(inquiry, EscalationReason.ORDER_NOT_FOUND,
                        "download links requested but no order matched the order number or email; " + String.join("; ", actions),
                        found(text));
                return Answer.escalated(e).withActions(actions);
            }
            OrderSummary o = order.get();
            String sent = orderTools.resendDownloadLinks(o);
            actions.add("Resent the download links for order " + o.orderNumber());
            String reply = "I found your order " + o.orderNumber() + " (" + o.platform().displayName() + ": "
                    + String.join(", ", o.items()) + ") and resent your download links. " + sent
                    + " If they do not arrive within a few minutes, please check your spam or promotions folder.";
            return new Answer(reply, List.of(), actions, Optional.empty());
        } catch (PatternHubException e) {
            actions.add("Order tools failed: " + e.getMessage());
            Escalation esc = Summaries.escalation(inquiry, EscalationReason.ORDER_NOT_FOUND,
                    "the order lookup or resend failed: " + e.getMessage(), found(text));
            return Answer.escalated(esc).withActions(actions);
        }
    }

    private List<ScoredPassage> found(String text) {
        return retriever.retrieve(text, 3);
    }

    /** Builds a {@link SupportAgent}. */
    public static final class Builder {
        private Retriever retriever;
        private Answerer answerer;
        private EscalationPolicy policy = EscalationPolicy.defaults();
        private OrderTools orderTools;

        private Builder() {
        }

        /** The documentation search (required); also used to tell a person what was found. */
        public Builder retriever(Retriever retriever) {
            this.retriever = Objects.requireNonNull(retriever, "retriever");
            return this;
        }

        /** How questions are answered; default: an {@link ExtractiveAnswerer} over the retriever. */
        public Builder answerer(Answerer answerer) {
            this.answerer = Objects.requireNonNull(answerer, "answerer");
            return this;
        }

        /** The escalation rules; default {@link EscalationPolicy#defaults()}. */
        public Builder escalationPolicy(EscalationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Order look-up and link resending; without it, link problems are answered from the documentation. */
        public Builder orderTools(OrderTools orderTools) {
            this.orderTools = Objects.requireNonNull(orderTools, "orderTools");
            return this;
        }

        public SupportAgent build() {
            return new SupportAgent(this);
        }
    }
}
