package io.patternhub.support.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportLoopTest {
    private static KnowledgeBase kb;

    @TempDir
    Path tmp;

    @BeforeAll
    static void index() {
        kb = KnowledgeBase.builder().build();
        kb.sync(SampleKnowledgeBase.documents());
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    /** A helpdesk held in memory whose replies can be made to fail. */
    static final class MemoryHelpdesk implements Helpdesk {
        final List<Ticket> tickets = new ArrayList<>();
        final Map<String, TicketStatus> status = new HashMap<>();
        final List<String> replies = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int failRepliesLeft;

        @Override
        public synchronized List<Ticket> fetchNew() {
            return tickets.stream().filter(t -> status.getOrDefault(t.id(), TicketStatus.OPEN) == TicketStatus.OPEN).toList();
        }

        @Override
        public synchronized void reply(Ticket ticket, String text) {
            if (failRepliesLeft > 0) {
                failRepliesLeft--;
                throw new ConnectionException("SMTP went away", ErrorContext.empty());
            }
            replies.add(ticket.id() + ": " + text);
        }

        @Override
        public synchronized void addInternalNote(Ticket ticket, String note) {
            notes.add(ticket.id() + ": " + note);
        }

        @Override
        public synchronized void setStatus(Ticket ticket, TicketStatus s) {
            status.put(ticket.id(), s);
        }
    }

    private static Ticket ticket(String id, String body) {
        return new Ticket(id, "Question", body, Optional.of("c@example.com"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aReplyThatFailsIsNeverRetriedAutomaticallyButHandedToAPerson() {
        MemoryHelpdesk desk = new MemoryHelpdesk();
        desk.tickets.add(ticket("t1", "Is seam allowance included in your sewing patterns?"));
        desk.tickets.add(ticket("t2", "How do I print only my size?"));
        desk.failRepliesLeft = 1;
        try (FileHandledTicketStore store = new FileHandledTicketStore(tmp.resolve("h.log"))) {
            SupportLoop loop = SupportLoop.builder().helpdesk(desk).agent(SupportAgent.builder().retriever(kb).build())
                    .store(store).build();

            LoopReport first = loop.runOnce();
            assertThat(first.outcomes()).containsEntry("t1", LoopReport.Outcome.FAILED)
                    .containsEntry("t2", LoopReport.Outcome.ANSWERED);
            assertThat(desk.replies).hasSize(1).allMatch(r -> r.startsWith("t2: "));

            // The failed reply may or may not have reached the customer: a person takes over.
            LoopReport second = loop.runOnce();
            assertThat(second.outcomes()).containsExactly(Map.entry("t1", LoopReport.Outcome.INTERRUPTED));
            assertThat(desk.replies).hasSize(1);
            assertThat(desk.notes).singleElement().asString().startsWith("t1: ").contains("did not finish");
            assertThat(desk.status).containsEntry("t1", TicketStatus.ESCALATED).containsEntry("t2", TicketStatus.SOLVED);

            assertThat(loop.runOnce().outcomes()).isEmpty();
        }
    }
}
