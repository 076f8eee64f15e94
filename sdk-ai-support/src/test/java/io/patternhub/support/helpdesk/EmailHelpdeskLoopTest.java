package io.patternhub.support.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;
import io.patternhub.support.tools.InMemoryOrderTools;
import io.patternhub.support.tools.OrderSummary;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The email helpdesk and the support loop against a real IMAP/SMTP server (GreenMail) started in the test. */
class EmailHelpdeskLoopTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(true);

    private static KnowledgeBase kb;
    private final InMemoryOrderTools orders = new InMemoryOrderTools()
            .add(new OrderSummary(Platform.SHOPIFY, "1001", Optional.of("bo@example.com"), List.of("Willow Tote Bag"), "paid"));

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

    @BeforeEach
    void users() {
        MAIL.setUser("support@shop.test", "support", "secret");
        MAIL.setUser("team@shop.test", "team", "secret");
    }

    private EmailHelpdesk helpdesk() {
        return EmailHelpdesk.builder()
                .imap("127.0.0.1", MAIL.getImap().getPort())
                .smtp("127.0.0.1", MAIL.getSmtp().getPort())
                .credentials("support", "secret")
                .supportAddress("support@shop.test")
                .notesAddress("team@shop.test")
                .ssl(false)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private SupportLoop loop(FileHandledTicketStore store) {
        SupportAgent agent = SupportAgent.builder().retriever(kb).orderTools(orders).build();
        return SupportLoop.builder().helpdesk(helpdesk()).agent(agent).store(store).build();
    }

    private Session plainSession() {
        return Session.getInstance(new Properties());
    }

    private void customerWrites(String from, String subject, String body) throws Exception {
        MimeMessage m = new MimeMessage(plainSession());
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@shop.test"));
        m.setSubject(subject);
        m.setText(body);
        send(m);
    }

    private void send(MimeMessage m) throws Exception {
        m.saveChanges();
        try (Transport t = plainSession().getTransport("smtp")) {
            t.connect("127.0.0.1", MAIL.getSmtp().getPort(), null, null);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    private static List<MimeMessage> receivedBy(String address) throws Exception {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equals(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Marks every message in the support inbox unread again, as if the status updates were lost. */
    private void markAllUnread() throws Exception {
        try (Store store = plainSession().getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getPort(), "support", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                m.setFlags(new Flags(Flags.Flag.SEEN), false);
            }
            inbox.close(false);
        }
    }

    private Flags flagsOf(String subject) throws Exception {
        try (Store store = plainSession().getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getPort(), "support", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                if (m.getSubject().equals(subject)) {
                    return m.getFlags();
                }
            }
            throw new AssertionError("no message " + subject);
        }
    }

    private static String textOf(MimeMessage m) throws Exception {
        return String.valueOf(m.getContent());
    }

    @Test
    void answersEscalatesAndActsThenLeavesTheTicketsAlone() throws Exception {
        customerWrites("ana@example.com", "Printing question", "Hi! My pattern printed too small. What scale should I print at?");
        customerWrites("cy@example.com", "Refund", "I want a refund for the Fern sweater please. My email is cy@example.com");
        customerWrites("bo@example.com", "Missing link", "I never received the download link for order #1001.");

        try (FileHandledTicketStore store = new FileHandledTicketStore(tmp.resolve("handled.log"))) {
            LoopReport report = loop(store).runOnce();
            assertThat(report.with(LoopReport.Outcome.ANSWERED)).hasSize(2);
            assertThat(report.with(LoopReport.Outcome.ESCALATED)).hasSize(1);

            List<MimeMessage> toAna = receivedBy("ana@example.com");
            assertThat(toAna).hasSize(1);
            assertThat(toAna.get(0).getSubject()).isEqualTo("Re: Printing question");
            assertThat(toAna.get(0).getHeader("In-Reply-To")).isNotNull();
            assertThat(textOf(toAna.get(0))).contains("100%").contains("Source: Printing at home (printing-at-home.md)");

            List<MimeMessage> toCy = receivedBy("cy@example.com");
            assertThat(toCy).hasSize(1);
            assertThat(textOf(toCy.get(0))).contains("passed it to a member of our team");

            assertThat(orders.resendCount("1001")).isEqualTo(1);
            assertThat(textOf(receivedBy("bo@example.com").get(0))).contains("resent your download links");

            List<MimeMessage> notes = receivedBy("team@shop.test");
            assertThat(notes).hasSize(2);
            assertThat(notes).anySatisfy(n -> {
                assertThat(n.getSubject()).isEqualTo("[Support note] Refund");
                assertThat(textOf(n)).contains("refund request").contains("Customer: cy@example.com");
            });
            assertThat(notes).anySatisfy(n -> assertThat(textOf(n)).contains("Resent the download links for order 1001"));

            assertThat(flagsOf("Printing question").contains(Flags.Flag.ANSWERED)).isTrue();
            assertThat(flagsOf("Refund").contains(Flags.Flag.FLAGGED)).isTrue();
            assertThat(flagsOf("Refund").contains(Flags.Flag.SEEN)).isTrue();

            assertThat(loop(store).runOnce().outcomes()).isEmpty();
            assertThat(MAIL.getReceivedMessages()).hasSize(3 + 3 + 2);
        }
    }

    @Test
    void noDuplicateRepliesAfterARestartEvenWhenTheMailboxForgetsTheStatus() throws Exception {
        customerWrites("ana@example.com", "Seam allowance", "Is seam allowance included in your sewing patterns?");
        customerWrites("cy@example.com", "Person please", "I want to speak to a real person please.");
        Path file = tmp.resolve("state/handled.log");
        try (FileHandledTicketStore store = new FileHandledTicketStore(file)) {
            assertThat(loop(store).runOnce().outcomes()).hasSize(2);
        }
        int before = MAIL.getReceivedMessages().length;
        markAllUnread();

        // A new process: new store over the same file, new helpdesk, new loop.
        try (FileHandledTicketStore reopened = new FileHandledTicketStore(file)) {
            LoopReport second = loop(reopened).runOnce();
            assertThat(second.with(LoopReport.Outcome.ALREADY_HANDLED)).hasSize(2);
        }
        assertThat(MAIL.getReceivedMessages()).hasSize(before);
        assertThat(receivedBy("ana@example.com")).hasSize(1);
        assertThat(receivedBy("cy@example.com")).hasSize(1);
        // Re-marked as handled in the mailbox, so a third pass fetches nothing.
        try (FileHandledTicketStore again = new FileHandledTicketStore(file)) {
            assertThat(loop(again).runOnce().outcomes()).isEmpty();
        }
    }

    @Test
    void anInterruptedAttemptGoesToAPersonInsteadOfBeingAnsweredAgain() throws Exception {
        customerWrites("ana@example.com", "Gauge", "How do I knit a gauge swatch?");
        Ticket ticket = helpdesk().fetchNew().get(0);
        Path file = tmp.resolve("handled.log");
        try (FileHandledTicketStore crashed = new FileHandledTicketStore(file)) {
            assertThat(crashed.claim(ticket.id())).isTrue(); // the process died right after claiming
        }
        try (FileHandledTicketStore store = new FileHandledTicketStore(file)) {
            LoopReport report = loop(store).runOnce();
            assertThat(report.outcomes()).containsEntry(ticket.id(), LoopReport.Outcome.INTERRUPTED);
            assertThat(store.state(ticket.id())).hasValue(HandledTicketStore.State.DONE);
        }
        assertThat(receivedBy("ana@example.com")).isEmpty();
        assertThat(receivedBy("team@shop.test")).singleElement()
                .satisfies(n -> assertThat(textOf(n)).contains("did not finish"));
        assertThat(flagsOf("Gauge").contains(Flags.Flag.FLAGGED)).isTrue();
    }

    @Test
    void readsHtmlOnlyMailAndDropsQuotedHistory() throws Exception {
        MimeMessage m = new MimeMessage(plainSession());
        m.setFrom(new InternetAddress("dee@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@shop.test"));
        m.setSubject("Re: Layers");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p>How do I print only my size?</p></body></html>", "text/html; charset=utf-8");
        m.setContent(new MimeMultipart(html));
        send(m);
        customerWrites("eve@example.com", "Follow-up", "Thanks, and which file for the copy shop?\n\nOn Mon, Shop wrote:\n> old answer\n");

        List<Ticket> tickets = helpdesk().fetchNew();
        assertThat(tickets).extracting(Ticket::body)
                .containsExactlyInAnyOrder("How do I print only my size?", "Thanks, and which file for the copy shop?");
        assertThat(tickets).allSatisfy(t -> assertThat(t.id()).startsWith("<"));
        assertThat(helpdesk().fetchNew()).hasSize(2); // fetching does not mark anything read
    }

    @Test
    void anUnreachableMailboxIsAConnectionError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EmailHelpdesk nowhere = EmailHelpdesk.builder().imap("127.0.0.1", closedPort).smtp("127.0.0.1", closedPort)
                .credentials("u", "p").supportAddress("support@shop.test").notesAddress("team@shop.test").ssl(false)
                .timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(nowhere::fetchNew).isInstanceOf(ConnectionException.class).hasMessageContaining("support mailbox");
    }
}
