package io.patternhub.support.helpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.http.RetrySettings;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.helpdesk.FileHandledTicketStore;
import io.patternhub.support.helpdesk.HandledTicketStore;
import io.patternhub.support.helpdesk.LoopReport;
import io.patternhub.support.helpdesk.SupportLoop;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.zendesk.ZendeskSandbox;
import io.patternhub.testkit.zendesk.ZendeskTicketView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The existing {@link SupportLoop} over {@link ZendeskHelpdesk} and the Zendesk sandbox. */
class ZendeskSupportLoopTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static KnowledgeBase kb;

    @TempDir
    Path tmp;

    private final ManualClock clock = ManualClock.at(START);
    private ZendeskSandbox zd;
    private long group;
    private long printing;
    private long refund;

    @BeforeAll
    static void index() {
        kb = KnowledgeBase.builder().build();
        kb.sync(SampleKnowledgeBase.documents());
    }

    @AfterAll
    static void closeKb() {
        kb.close();
    }

    @BeforeEach
    void start() {
        zd = ZendeskSandbox.builder().clock(clock).build().start();
        group = zd.addGroup("Pattern support team");
        printing = zd.openTicket(zd.addEndUser("Ana", "ana@example.com"), "Printing question",
                "Hi! My pattern printed too small. What scale should I print at?");
        refund = zd.openTicket(zd.addEndUser("Cy", "cy@example.com"), "Refund",
                "I want a refund for the Fern sweater please.");
        clock.advance(Duration.ofMinutes(2)); // past the export's one-minute delay
    }

    @AfterEach
    void stop() {
        zd.close();
    }

    private ZendeskHelpdesk helpdesk() {
        return ZendeskHelpdesk.builder().baseUrl(zd.baseUrl()).apiToken(zd.agentEmail(), zd.apiToken())
                .stateFile(tmp.resolve("zendesk-state.json")).startTime(START.minus(Duration.ofHours(1)))
                .escalationGroupId(group).timeout(Duration.ofSeconds(5))
                .retry(RetrySettings.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))).build();
    }

    private SupportLoop loop(ZendeskHelpdesk desk, HandledTicketStore store) {
        return SupportLoop.builder().helpdesk(desk).agent(SupportAgent.builder().retriever(kb).build()).store(store).build();
    }

    private long agentReplies(long ticket) {
        return zd.ticket(ticket).publicComments().stream().filter(c -> c.authorId() == zd.agentId()).count();
    }

    @Test
    void answersOneEscalatesAnotherAndNeverRepliesTwiceAfterARestart() {
        Path storeFile = tmp.resolve("handled.log");
        try (ZendeskHelpdesk desk = helpdesk(); FileHandledTicketStore store = new FileHandledTicketStore(storeFile)) {
            LoopReport report = loop(desk, store).runOnce();
            assertThat(report.with(LoopReport.Outcome.ANSWERED)).singleElement().asString().startsWith(printing + "#");
            assertThat(report.with(LoopReport.Outcome.ESCALATED)).singleElement().asString().startsWith(refund + "#");
        }
        ZendeskTicketView answered = zd.ticket(printing);
        assertThat(answered.status()).isEqualTo("solved");
        assertThat(answered.publicComments()).hasSize(2);
        assertThat(answered.publicComments().get(1).body()).contains("100%").contains("Source: Printing at home");
        assertThat(answered.internalNotes()).isEmpty();

        ZendeskTicketView escalated = zd.ticket(refund);
        assertThat(escalated.status()).isEqualTo("open");
        assertThat(escalated.tags()).contains(ZendeskHelpdesk.DEFAULT_ESCALATION_TAG);
        assertThat(escalated.groupId()).hasValue(group);
        assertThat(escalated.publicComments().get(1).body()).contains("passed it to a member of our team");
        assertThat(escalated.internalNotes()).singleElement().satisfies(n -> assertThat(n.body()).contains("refund"));
        long updates = zd.ticketUpdateCount();

        // Someone reopens the answered ticket in Zendesk without a new message, and the process restarts.
        zd.setStatus(printing, "open");
        clock.advance(Duration.ofMinutes(2));
        try (ZendeskHelpdesk desk = helpdesk(); FileHandledTicketStore store = new FileHandledTicketStore(storeFile)) {
            assertThat(loop(desk, store).runOnce().outcomes()).isEmpty();
        }
        assertThat(agentReplies(printing)).isEqualTo(1);
        assertThat(agentReplies(refund)).isEqualTo(1);
        assertThat(zd.ticketUpdateCount()).isEqualTo(updates);
    }

    @Test
    void aStatusUpdateThatFailsAfterTheReplyDoesNotLeadToASecondReply() {
        // Every status write to the printing ticket fails with a 500 (retries included), after the reply went out.
        zd.faults().add(FaultPlan.next(Integer.MAX_VALUE, Fault.serverError(500))
                .matching(r -> r.isWrite() && r.path().contains("/" + printing + ".json") && r.bodyText().contains("\"status\"")));
        Path storeFile = tmp.resolve("handled.log");
        try (ZendeskHelpdesk desk = helpdesk(); FileHandledTicketStore store = new FileHandledTicketStore(storeFile)) {
            LoopReport first = loop(desk, store).runOnce();
            assertThat(first.with(LoopReport.Outcome.FAILED)).singleElement().asString().startsWith(printing + "#");
            assertThat(zd.ticket(printing).status()).isEqualTo("open"); // the reply took it out of "new"; never solved
            assertThat(agentReplies(printing)).isEqualTo(1);
        }
        zd.faults().clear();
        clock.advance(Duration.ofMinutes(2));
        try (ZendeskHelpdesk desk = helpdesk(); FileHandledTicketStore store = new FileHandledTicketStore(storeFile)) {
            // The customer's message has been answered in Zendesk, so it is not fetched again.
            assertThat(loop(desk, store).runOnce().outcomes()).isEmpty();
        }
        assertThat(agentReplies(printing)).isEqualTo(1);
    }

    @Test
    void anInterruptedAttemptIsHandedToAPersonWithoutAReply() {
        Path storeFile = tmp.resolve("handled.log");
        String printingId;
        try (ZendeskHelpdesk desk = helpdesk()) {
            printingId = desk.fetchNew().stream().filter(t -> t.id().startsWith(printing + "#")).findFirst().orElseThrow().id();
        }
        try (FileHandledTicketStore crashed = new FileHandledTicketStore(storeFile)) {
            assertThat(crashed.claim(printingId)).isTrue(); // the process died right after claiming
        }
        try (ZendeskHelpdesk desk = helpdesk(); FileHandledTicketStore store = new FileHandledTicketStore(storeFile)) {
            LoopReport report = loop(desk, store).runOnce();
            assertThat(report.outcomes()).containsEntry(printingId, LoopReport.Outcome.INTERRUPTED);
        }
        ZendeskTicketView t = zd.ticket(printing);
        assertThat(agentReplies(printing)).isZero();
        assertThat(t.internalNotes()).singleElement().satisfies(n -> assertThat(n.body()).contains("did not finish"));
        assertThat(t.tags()).contains(ZendeskHelpdesk.DEFAULT_ESCALATION_TAG);
    }
}
