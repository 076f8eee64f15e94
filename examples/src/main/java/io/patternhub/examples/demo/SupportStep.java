package io.patternhub.examples.demo;

import io.patternhub.examples.support.HubOrderTools;
import io.patternhub.hub.access.Entitlements;
import io.patternhub.hub.access.StoreFileCatalog;
import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;
import io.patternhub.support.tools.OrderSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * Customers write in: technical questions are answered from the sample documentation with
 * citations, a missing-link request is served from the hub's orders (fresh links by email), and a
 * refund request goes to a person. Offline: no LLM.
 */
final class SupportStep implements DemoStep {
    @Override
    public String title() {
        return "Support answers customers (with citations) and escalates";
    }

    @Override
    public void run(DemoWorld world, StepLog log) {
        HubOrderTools tools = new HubOrderTools(world.orders(), new Entitlements(world.store()), world.links(),
                new StoreFileCatalog(world.store()), world.notifier(), DemoWorld.SHOP_NAME);
        OrderSummary anasOrder = tools.findOrdersByEmail("ana@example.com").get(0);
        List<Inquiry> questions = new ArrayList<>(List.of(
                Inquiry.of("My Juniper pattern printed too small. What scale should I print at?"),
                Inquiry.of("How much fabric do I need for the Juniper Wrap Dress in size 14?"),
                Inquiry.of("Is a US single crochet the same as a UK double crochet?"),
                Inquiry.builder().body("I never received the download link for order #" + anasOrder.orderNumber()
                        + ", can you resend it?").customerEmail("ana@example.com").build(),
                Inquiry.builder().body("The Fern sweater is too hard for me. I would like a refund please.")
                        .customerEmail("fay@example.com").build()));
        int mailBefore = world.mailCount();
        int answered = 0;
        int escalated = 0;
        int cited = 0;
        int actions = 0;
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(SampleKnowledgeBase.documents());
            SupportAgent agent = SupportAgent.builder().retriever(kb).orderTools(tools).build();
            for (Inquiry q : questions) {
                Answer a = agent.handle(q);
                if (a.escalated()) {
                    escalated++;
                    log.say("Q: %s%n    -> escalated to a person (%s)", q.body(), a.escalation().get().reason());
                } else {
                    answered++;
                    cited += a.citations().isEmpty() ? 0 : 1;
                    actions += a.actions().size();
                    log.say("Q: %s%n    -> %s%s", q.body(), firstLine(a.text()),
                            a.citations().isEmpty() ? "" : " [" + a.citations().get(0).label() + "]");
                }
            }
        }
        world.summary().set("support.questions", questions.size());
        world.summary().set("support.answered", answered);
        world.summary().set("support.answered_with_citations", cited);
        world.summary().set("support.actions", actions);
        world.summary().set("support.escalated", escalated);
        world.summary().set("support.links_resent", world.mailCount() - mailBefore);
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 140 ? line.substring(0, 137) + "..." : line;
    }
}
