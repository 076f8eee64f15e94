package io.patternhub.support.sample;

import io.patternhub.core.Platform;
import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.tools.InMemoryOrderTools;
import io.patternhub.support.tools.OrderSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The offline support demo: indexes the sample documentation, answers a few customer questions
 * with citations, resends download links for a demo order, and escalates a refund request. Needs
 * no network and no LLM.
 */
public final class SupportDemo {
    /** The customer messages the demo handles, in order. */
    public static final List<Inquiry> QUESTIONS = List.of(
            Inquiry.of("My Juniper pattern printed too small. What scale should I print at?"),
            Inquiry.of("How much fabric do I need for the Juniper Wrap Dress in size 14?"),
            Inquiry.of("Is a US single crochet the same as a UK double crochet?"),
            Inquiry.builder().body("I never received the download link for order #1001, can you resend it?")
                    .customerEmail("ana@example.com").build(),
            Inquiry.builder().body("The Fern sweater is too hard for me. I would like a refund please.")
                    .customerEmail("cy@example.com").build());

    private SupportDemo() {
    }

    /** Runs the demo, printing each exchange to {@code out}; returns the answers in order. */
    public static List<Answer> run(PrintStream out) {
        InMemoryOrderTools orders = new InMemoryOrderTools().add(new OrderSummary(Platform.SHOPIFY, "1001",
                Optional.of("ana@example.com"), List.of("Juniper Wrap Dress"), "paid"));
        List<Answer> answers = new ArrayList<>();
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(SampleKnowledgeBase.documents());
            SupportAgent agent = SupportAgent.builder().retriever(kb).orderTools(orders).build();
            for (Inquiry q : QUESTIONS) {
                Answer a = agent.handle(q);
                answers.add(a);
                out.println("Customer: " + q.text());
                out.println("Assistant: " + a.text().replace("\n", "\n           "));
                a.actions().forEach(act -> out.println("  [action] " + act));
                a.escalation().ifPresent(e -> out.println("  [escalated to a person]\n  " + e.summary().replace("\n", "\n  ")));
                out.println();
            }
        }
        return answers;
    }

    /** Prints the demo to standard output. */
    public static void main(String[] args) {
        run(System.out);
    }
}
