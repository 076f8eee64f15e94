package io.patternhub.support.helpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.support.helpdesk.Ticket;
import io.patternhub.support.helpdesk.TicketStatus;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.zendesk.ZendeskSandbox;
import io.patternhub.testkit.zendesk.ZendeskTicketView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ZendeskHelpdesk} against the Zendesk sandbox, asserting the sandbox's state. */
class ZendeskHelpdeskTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    private final ManualClock clock = ManualClock.at(START);
    private ZendeskSandbox zd;
    private long ana;
    private long bo;

    @BeforeEach
    void start() {
        zd = ZendeskSandbox.builder().clock(clock).build().start();
        ana = zd.addEndUser("Ana", "ana@example.com");
        bo = zd.addEndUser("Bo", "bo@example.com");
    }

    @AfterEach
    void stop() {
        zd.close();
    }

    private ZendeskHelpdesk.Builder desk() {
        return ZendeskHelpdesk.builder().baseUrl(zd.baseUrl()).apiToken(zd.agentEmail(), zd.apiToken())
                .stateFile(tmp.resolve("zendesk-state.json")).startTime(START.minus(Duration.ofHours(1)))
                .timeout(Duration.ofSeconds(5));
    }

    /** Past Zendesk's one-minute export delay. */
    private void later() {
        clock.advance(Duration.ofMinutes(2));
    }

    private static long zendeskId(Ticket t) {
        return Long.parseLong(t.id().substring(0, t.id().indexOf('#')));
    }

    @Test
    void fetchesRepliesNotesAndSetsStatuses() {
        long printing = zd.openTicket(ana, "Printing", "What scale should I print at?");
        clock.advance(Duration.ofSeconds(5));
        long refund = zd.openTicket(bo, "Refund", "I want a refund.");
        zd.requesterReplies(refund, "For the Fern sweater, please.");
        long group = zd.addGroup("Humans");
        later();

        try (ZendeskHelpdesk desk = desk().escalationGroupId(group).build()) {
            List<Ticket> tickets = desk.fetchNew();
            assertThat(tickets).extracting(ZendeskHelpdeskTest::zendeskId).containsExactly(printing, refund);
            Ticket first = tickets.get(0);
            assertThat(first.subject()).isEqualTo("Printing");
            assertThat(first.body()).isEqualTo("What scale should I print at?");
            assertThat(first.customerEmail()).hasValue("ana@example.com");
            assertThat(first.id()).isEqualTo(printing + "#" + zd.ticket(printing).comments().get(0).id());
            Ticket second = tickets.get(1);
            assertThat(second.body()).isEqualTo("I want a refund.\n\nFor the Fern sweater, please.");

            desk.reply(first, "Print at 100%.");
            desk.setStatus(first, TicketStatus.SOLVED);
            desk.addInternalNote(second, "Refund request; needs a person.");
            desk.setStatus(second, TicketStatus.ESCALATED);

            ZendeskTicketView p = zd.ticket(printing);
            assertThat(p.status()).isEqualTo("solved");
            assertThat(p.publicComments()).extracting(c -> c.body()).containsExactly("What scale should I print at?", "Print at 100%.");
            assertThat(p.publicComments().get(1).authorId()).isEqualTo(zd.agentId());
            ZendeskTicketView r = zd.ticket(refund);
            assertThat(r.status()).isEqualTo("open");
            assertThat(r.tags()).containsExactly(ZendeskHelpdesk.DEFAULT_ESCALATION_TAG);
            assertThat(r.groupId()).hasValue(group);
            assertThat(r.internalNotes()).singleElement().satisfies(n -> assertThat(n.body()).contains("Refund request"));
            assertThat(r.publicComments()).hasSize(2);

            // Read fresh, not from the (lagging) export: neither comes back.
            assertThat(desk.fetchNew()).isEmpty();
            later();
            assertThat(desk.fetchNew()).isEmpty();

            // A follow-up on the solved ticket is a new message for the loop, with a new id.
            zd.requesterReplies(printing, "Thanks, and the copy shop file?");
            later();
            List<Ticket> followUp = desk.fetchNew();
            assertThat(followUp).singleElement().satisfies(t -> {
                assertThat(zendeskId(t)).isEqualTo(printing);
                assertThat(t.id()).isNotEqualTo(first.id());
                assertThat(t.body()).isEqualTo("Thanks, and the copy shop file?");
            });
            // A follow-up on an escalated ticket stays with the person who has it.
            zd.requesterReplies(refund, "Any news?");
            later();
            assertThat(desk.fetchNew()).extracting(ZendeskHelpdeskTest::zendeskId).containsExactly(printing);
        }
    }

    @Test
    void aRestartContinuesFromTheSavedCursor() {
        long first = zd.openTicket(ana, "Gauge", "How do I knit a gauge swatch?");
        later();
        try (ZendeskHelpdesk desk = desk().build()) {
            assertThat(desk.fetchNew()).extracting(ZendeskHelpdeskTest::zendeskId).containsExactly(first);
        }
        zd.journal().clear();
        long second = zd.openTicket(bo, "Layers", "How do I print one size?");
        later();
        try (ZendeskHelpdesk restarted = desk().build()) {
            // The unanswered first ticket is still a candidate; the export continues from its cursor.
            assertThat(restarted.fetchNew()).extracting(ZendeskHelpdeskTest::zendeskId).containsExactly(first, second);
        }
        List<JournalEntry> exports = zd.journal().entries().stream()
                .filter(e -> e.path().equals("/api/v2/incremental/tickets/cursor.json")).toList();
        assertThat(exports).isNotEmpty().allSatisfy(e -> {
            assertThat(e.query()).containsKey("cursor");
            assertThat(e.query()).doesNotContainKey("start_time");
        });
    }

    @Test
    void oauthBearerTokensWorkAndRefusedCredentialsAreTyped() {
        long id = zd.openTicket(ana, "Q", "Is seam allowance included?");
        later();
        String token = zd.issueOAuthToken();
        try (ZendeskHelpdesk desk = ZendeskHelpdesk.builder().baseUrl(zd.baseUrl()).oauthToken(token)
                .startTime(START.minusSeconds(60)).build()) {
            assertThat(desk.fetchNew()).extracting(ZendeskHelpdeskTest::zendeskId).containsExactly(id);
            zd.revokeOAuthToken(token);
            assertThatThrownBy(desk::fetchNew).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Couldn't authenticate you");
        }
        try (ZendeskHelpdesk wrong = ZendeskHelpdesk.builder().baseUrl(zd.baseUrl()).apiToken(zd.agentEmail(), "wrong")
                .startTime(START).build()) {
            assertThatThrownBy(wrong::fetchNew).isInstanceOf(AuthenticationException.class);
        }
        assertThat(zd.ticketUpdateCount()).isZero();
    }

    @Test
    void zendeskErrorDocumentsBecomeTypedErrors() {
        long id = zd.openTicket(ana, "Q", "Hello");
        later();
        try (ZendeskHelpdesk desk = desk().escalationGroupId(999).build()) {
            Ticket ticket = desk.fetchNew().get(0);
            assertThatThrownBy(() -> desk.setStatus(ticket, TicketStatus.ESCALATED))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.getMessage()).contains("Record validation errors").contains("group_id");
                        assertThat(e.context().validationErrors()).extracting(v -> v.field()).containsExactly("group_id");
                        assertThat(e.context().platformErrorCode()).hasValue("RecordInvalid");
                    });
            Ticket missing = new Ticket("424242#1", "x", "y", java.util.Optional.empty(), START);
            assertThatThrownBy(() -> desk.reply(missing, "Hi")).isInstanceOfSatisfying(NotFoundException.class,
                    e -> assertThat(e.context().platformErrorCode()).hasValue("RecordNotFound"));
            assertThatThrownBy(() -> desk.reply(ticket, " ")).isInstanceOf(InvalidRequestException.class);
            Ticket foreign = new Ticket("<abc@mail>", "x", "y", java.util.Optional.empty(), START);
            assertThatThrownBy(() -> desk.setStatus(foreign, TicketStatus.SOLVED)).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(zd.ticket(id).tags()).isEmpty();
        assertThat(zd.ticketUpdateCount()).isZero();
    }

    @Test
    void recoversFrom429OnReadsAndUpdatesWithoutWritingTwice() {
        long id = zd.openTicket(ana, "Q", "What scale should I print at?");
        later();
        try (ZendeskHelpdesk desk = desk().build()) {
            zd.faults().throttleNext(1, Duration.ofSeconds(1)); // the export
            Ticket ticket = desk.fetchNew().get(0);
            zd.faults().add(FaultPlan.next(1, Fault.tooManyRequests(Duration.ofSeconds(1))).matching(r -> r.isWrite()));
            desk.reply(ticket, "Print at 100%.");
        }
        assertThat(zd.ticket(id).publicComments()).extracting(c -> c.body())
                .containsExactly("What scale should I print at?", "Print at 100%.");
        assertThat(zd.journal().count(e -> e.status() == 429)).isEqualTo(2);
        assertThat(zd.journal().count(e -> e.isWrite())).isEqualTo(2);
        assertThat(zd.ticketUpdateCount()).isEqualTo(1);
    }

    @Test
    void givesUpOnAnUpdateStillRefusedAfterItsRetries() {
        long id = zd.openTicket(ana, "Q", "Hello");
        later();
        try (ZendeskHelpdesk desk = desk().maxRateLimitRetries(0).build()) {
            Ticket ticket = desk.fetchNew().get(0);
            zd.faults().add(FaultPlan.next(1, Fault.tooManyRequests(Duration.ofSeconds(1))).matching(r -> r.isWrite()));
            assertThatThrownBy(() -> desk.reply(ticket, "Hi")).isInstanceOfSatisfying(RateLimitException.class,
                    e -> assertThat(((PatternHubException) e).retryAfter()).hasValue(Duration.ofSeconds(1)));
        }
        assertThat(zd.ticket(id).publicComments()).hasSize(1);
    }
}
