package io.patternhub.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.hub.access.AccessFixture;
import io.patternhub.hub.access.Download;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.store.Vendor;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A new file version is announced once to every past buyer, with a fresh link, through a real SMTP server. */
class NewVersionAnnouncementTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void oneAnnouncementPerPastBuyerWithAFreshLink(Vendor vendor) throws Exception {
        SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(MAIL.getSmtp().getPort())
                .from("shop@tilly.example", "Tilly's Patterns").build();
        try (AccessFixture hub = new AccessFixture(vendor, smtp, Provisioner.NONE, HubEventPublisher.NONE)) {
            // Ann bought the tee twice, Bo once, Cy bought it and was refunded, Di bought only socks
            paid(hub, "O-1", "ann@example.com", "Ann", "TEE-01");
            paid(hub, "O-2", "ann@example.com", "Ann", "TEE-01", "SOCK-02");
            paid(hub, "O-3", "bo@example.com", "Bo", "TEE-01");
            paid(hub, "O-4", "cy@example.com", "Cy", "TEE-01");
            paid(hub, "O-5", "di@example.com", "Di", "SOCK-02");
            hub.inbox.receive("site", hub.delivery("r4", AccessFixture.orderJson("O-4", "refunded", "2025-03-01T11:00:00Z",
                    "cy@example.com", "Cy", "TEE-01")));
            hub.inbox.processAll();
            assertThat(MAIL.getReceivedMessages()).hasSize(5);
            MAIL.purgeEmailFromAllMailboxes();

            hub.newFileVersion("TEE-01", "1.1", "tee-a4.pdf");
            Announcement first = hub.notifications.announceNewVersion("TEE-01", "1.1", "Corrected chart on page 4");
            assertThat(first).isEqualTo(new Announcement(2, 0, 0));
            Announcement again = hub.notifications.announceNewVersion("TEE-01", "1.1", "Corrected chart on page 4");
            assertThat(again).isEqualTo(new Announcement(0, 2, 0));

            MimeMessage[] mails = MAIL.getReceivedMessages();
            List<String> to = Arrays.stream(mails).map(m -> {
                try {
                    return m.getAllRecipients()[0].toString();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
            assertThat(to).hasSize(2);
            assertThat(to.get(0)).contains("ann@example.com");
            assertThat(to.get(1)).contains("bo@example.com");
            for (MimeMessage m : mails) {
                assertThat(m.getSubject()).isEqualTo("New version of Tee pattern");
                String body = GreenMailUtil.getBody(m);
                assertThat(body).contains("Corrected chart on page 4");
                Matcher link = Pattern.compile("https://shop\\.example/d/(\\S+)").matcher(body);
                boolean sawNewVersion = false;
                while (link.find()) {
                    Download d = hub.links.verify(link.group(0));
                    assertThat(d.sku()).isEqualTo("TEE-01");
                    sawNewVersion |= d.fileName().equals("tee-a4.pdf") && "1.1".equals(d.fileVersion());
                }
                assertThat(sawNewVersion).isTrue();
            }
            assertThat(hub.count("SELECT COUNT(*) FROM notifications_sent WHERE kind = 'NEW_VERSION' AND state = 'SENT'"))
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailedSendIsReleasedAndSentOnTheNextAttempt(Vendor vendor) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> delivered = new java.util.ArrayList<>();
        Notifier flaky = n -> {
            if (calls.incrementAndGet() == 2) {
                throw new io.patternhub.core.error.ConnectionException("smtp down",
                        io.patternhub.core.error.ErrorContext.empty());
            }
            delivered.add(n.toAddress());
        };
        try (AccessFixture hub = new AccessFixture(vendor, flaky, Provisioner.NONE, HubEventPublisher.NONE)) {
            paid(hub, "O-1", "ann@example.com", "Ann", "SOCK-02");
            hub.newFileVersion("SOCK-02", "2.0", "sock.pdf");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.notifications.announceNewVersion("SOCK-02", "2.0", ""))
                    .isInstanceOf(io.patternhub.core.error.ConnectionException.class);
            assertThat(hub.notifications.announceNewVersion("SOCK-02", "2.0", "")).isEqualTo(new Announcement(1, 0, 0));
            assertThat(delivered).containsExactly("ann@example.com", "ann@example.com");
        }
    }

    private static void paid(AccessFixture hub, String order, String email, String name, String... skus) {
        hub.inbox.receive("site", hub.delivery("p-" + order, AccessFixture.orderJson(order, "paid", "2025-03-01T10:05:00Z",
                email, name, skus)));
        hub.inbox.processAll();
    }
}
