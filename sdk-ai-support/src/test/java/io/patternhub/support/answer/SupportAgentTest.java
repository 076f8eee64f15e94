package io.patternhub.support.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.tools.InMemoryOrderTools;
import io.patternhub.support.tools.OrderSummary;
import io.patternhub.support.tools.OrderTools;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupportAgentTest {
    private final KnowledgeBase kb = SampleKb.get();
    private final InMemoryOrderTools orders = new InMemoryOrderTools()
            .add(new OrderSummary(Platform.SHOPIFY, "1001", Optional.of("ana@example.com"), List.of("Juniper Wrap Dress"), "paid"))
            .add(new OrderSummary(Platform.ETSY, "3311207788", Optional.empty(), List.of("Fern Raglan Sweater"), "paid"));
    private final SupportAgent agent = SupportAgent.builder().retriever(kb).orderTools(orders).build();

    @Test
    void refundRequestsGoToAPersonWithWhatWasFound() {
        Answer a = agent.handle(Inquiry.builder().body("Hi, I would like a refund for the Juniper Wrap Dress, it is too big.")
                .customerEmail("ana@example.com").build());
        Escalation e = a.escalation().orElseThrow();
        assertThat(e.reason()).isEqualTo(EscalationReason.REFUND_REQUEST);
        assertThat(e.summary()).contains("would like a refund").contains("ana@example.com").contains("Documentation found:");
        assertThat(e.found()).isNotEmpty();
        assertThat(a.text()).isEqualTo(Answer.HOLDING_REPLY);
    }

    @Test
    void answersSerialiseToJsonWithCitationsAndEscalation() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = io.patternhub.core.json.PatternHubJson.newMapper();
        com.fasterxml.jackson.databind.JsonNode answered = mapper.valueToTree(agent.handle(Inquiry.of("Is seam allowance included?")));
        assertThat(answered.path("citations").get(0).path("documentId").asText()).isEqualTo("seam-allowance.md");
        assertThat(answered.path("escalation").isNull()).isTrue();
        com.fasterxml.jackson.databind.JsonNode escalated = mapper.valueToTree(agent.handle(Inquiry.of("Please refund me")));
        assertThat(escalated.path("escalation").path("reason").asText()).isEqualTo("REFUND_REQUEST");
    }

    @Test
    void askingForAPersonEscalatesEvenWhenTheDocsCouldAnswer() {
        Answer a = agent.handle(Inquiry.of("Is seam allowance included? I'd rather talk to a real person about it."));
        assertThat(a.escalation()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(EscalationReason.HUMAN_REQUESTED));
    }

    @Test
    void resendsLinksForAnOrderNumberAndSaysWhatItDid() {
        Answer a = agent.handle(Inquiry.of("I never received the download link for order #1001, can you resend it?"));
        assertThat(a.answered()).isTrue();
        assertThat(orders.resendCount("1001")).isEqualTo(1);
        assertThat(a.text()).contains("order 1001").contains("resent your download links").contains("Juniper Wrap Dress");
        assertThat(a.actions()).containsExactly("Looked up order 1001 on Shopify", "Resent the download links for order 1001");
    }

    @Test
    void findsTheOrderByTheSendersEmailWhenNoNumberIsGiven() {
        Answer a = agent.handle(Inquiry.builder().body("My download link expired, please send it again.")
                .customerEmail("ANA@example.com").build());
        assertThat(a.answered()).isTrue();
        assertThat(orders.resendCount("1001")).isEqualTo(1);
        assertThat(a.actions()).first().asString().contains("1 found");
    }

    @Test
    void wordsAfterOrderAreNotTakenForAnOrderNumber() {
        Answer a = agent.handle(Inquiry.builder().body("I never received the download link for my order from your shop.")
                .customerEmail("ana@example.com").build());
        assertThat(a.answered()).isTrue();
        assertThat(a.actions()).first().asString().startsWith("Looked up orders for the customer's email");
        assertThat(orders.resendCount("1001")).isEqualTo(1);
    }

    @Test
    void escalatesWhenTheOrderCannotBeFound() {
        Answer a = agent.handle(Inquiry.builder().body("I didn't get my pattern file for order 999999.")
                .customerEmail("nobody@example.com").build());
        assertThat(a.escalation()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(EscalationReason.ORDER_NOT_FOUND);
            assertThat(e.summary()).contains("999999");
        });
        assertThat(a.actions()).contains("Looked up order 999999: not found");
    }

    @Test
    void escalatesWhenAStorefrontFailsDuringTheResend() {
        AtomicInteger calls = new AtomicInteger();
        OrderTools failing = new OrderTools() {
            @Override
            public Optional<OrderSummary> findOrder(String orderNumber) {
                return orders.findOrder(orderNumber);
            }

            @Override
            public List<OrderSummary> findOrdersByEmail(String email) {
                return orders.findOrdersByEmail(email);
            }

            @Override
            public String resendDownloadLinks(OrderSummary order) {
                calls.incrementAndGet();
                throw new ConnectionException("Shopify did not answer", ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
        };
        SupportAgent withFailure = SupportAgent.builder().retriever(kb).orderTools(failing).build();
        Answer a = withFailure.handle(Inquiry.of("Please resend the download links for order 1001"));
        assertThat(calls).hasValue(1);
        assertThat(a.escalation()).hasValueSatisfying(e -> assertThat(e.summary()).contains("Shopify did not answer"));
    }

    @Test
    void withoutOrderToolsLinkProblemsAreAnsweredFromTheDocumentation() {
        SupportAgent docsOnly = SupportAgent.builder().retriever(kb).build();
        Answer a = docsOnly.handle(Inquiry.of("I never received the email with my download link."));
        assertThat(a.answered()).isTrue();
        assertThat(a.citations()).extracting(c -> c.documentId()).contains("downloads.md");
    }

    @Test
    void anAnswererFailureBecomesAnEscalation() {
        SupportAgent broken = SupportAgent.builder().retriever(kb).answerer(i -> {
            throw new ConnectionException("model timed out", ErrorContext.empty());
        }).build();
        Answer a = broken.handle(Inquiry.of("How do I print only my size?"));
        assertThat(a.escalation()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(EscalationReason.ANSWERER_FAILED);
            assertThat(e.summary()).contains("model timed out");
        });
    }
}
