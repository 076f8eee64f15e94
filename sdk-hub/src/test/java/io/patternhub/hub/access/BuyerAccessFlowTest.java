package io.patternhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.notify.SmtpNotifier;
import io.patternhub.hub.store.Vendor;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Webhooks in, entitlements and one email out, on both databases, against a real SMTP server. */
class BuyerAccessFlowTest {
    private static final Pattern LINK = Pattern.compile("https://shop\\.example/d/(\\S+)");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private SmtpNotifier smtp() {
        return SmtpNotifier.builder().host("127.0.0.1").port(MAIL.getSmtp().getPort())
                .from("shop@tilly.example", "Tilly's Patterns").build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void duplicateAndOutOfOrderWebhooksGiveOneOrderOneEntitlementOneEmail(Vendor vendor) throws Exception {
        try (AccessFixture hub = new AccessFixture(vendor, smtp(), Provisioner.NONE, HubEventPublisher.NONE)) {
            String pending = AccessFixture.orderJson("A-1", "pending", "2025-03-01T10:00:00Z", "ann@example.com", "Ann Weaver", "TEE-01");
            String paid = AccessFixture.orderJson("A-1", "paid", "2025-03-01T10:05:00Z", "ann@example.com", "Ann Weaver", "TEE-01");

            // paid arrives first, then its redelivery, then the older pending snapshot under another id
            assertThat(hub.inbox.receive("site", hub.delivery("msg_2", paid))).isEqualTo(new InboxReceipt(1, 0));
            assertThat(hub.inbox.receive("site", hub.delivery("msg_2", paid))).isEqualTo(new InboxReceipt(0, 1));
            hub.inbox.processAll();
            assertThat(hub.inbox.receive("site", hub.delivery("msg_1", pending))).isEqualTo(new InboxReceipt(1, 0));
            // and the paid one once more under a new delivery id (a platform resend)
            hub.inbox.receive("site", hub.delivery("msg_3", paid));
            hub.inbox.processAll();

            assertThat(hub.count("SELECT COUNT(*) FROM orders")).isEqualTo(1);
            assertThat(hub.strings("SELECT status FROM orders")).containsExactly("PAID");
            assertThat(hub.count("SELECT COUNT(*) FROM entitlements")).isEqualTo(1);
            assertThat(hub.count("SELECT COUNT(*) FROM order_changes")).isEqualTo(1);
            assertThat(hub.inbox.pendingCount()).isZero();
            // processed events keep no payload (it carries personal data)
            assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox WHERE payload IS NOT NULL")).isZero();

            MimeMessage[] mails = MAIL.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getAllRecipients()[0].toString()).contains("ann@example.com");
            String body = GreenMailUtil.getBody(mails[0]);
            Matcher m = LINK.matcher(body);
            assertThat(m.find()).isTrue();
            Download d = hub.links.verify(m.group(0));
            assertThat(d.sku()).isEqualTo("TEE-01");
            assertThat(d.fileName()).isIn("tee-a4.pdf", "tee-letter.pdf");
            assertThat(m.find()).as("a link per file").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void refundRevokesTheEntitlementAndItsLinks(Vendor vendor) throws Exception {
        try (AccessFixture hub = new AccessFixture(vendor, smtp(), Provisioner.NONE, HubEventPublisher.NONE)) {
            hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("B-1", "paid", "2025-03-01T10:05:00Z",
                    "bo@example.com", "Bo", "TEE-01", "SOCK-02")));
            hub.inbox.processAll();
            assertThat(hub.count("SELECT COUNT(*) FROM entitlements WHERE revoked_at IS NULL")).isEqualTo(2);
            String link = linkIn(MAIL.getReceivedMessages()[0]);
            hub.links.verify(link);

            hub.inbox.receive("site", hub.delivery("m2", AccessFixture.orderJson("B-1", "refunded", "2025-03-02T10:00:00Z",
                    "bo@example.com", "Bo", "TEE-01", "SOCK-02")));
            // a stale paid snapshot arriving after the refund must not re-grant
            hub.inbox.receive("site", hub.delivery("m3", AccessFixture.orderJson("B-1", "paid", "2025-03-01T11:00:00Z",
                    "bo@example.com", "Bo", "TEE-01", "SOCK-02")));
            hub.inbox.processAll();

            assertThat(hub.count("SELECT COUNT(*) FROM entitlements WHERE revoked_at IS NULL")).isZero();
            assertThat(hub.strings("SELECT DISTINCT revoke_reason FROM entitlements")).containsExactly("REFUNDED");
            assertThat(hub.strings("SELECT status FROM orders")).containsExactly("REFUNDED");
            assertThatThrownBy(() -> hub.links.verify(link)).isInstanceOf(DownloadLinkException.class)
                    .extracting(e -> ((DownloadLinkException) e).reason()).isEqualTo(DownloadLinkException.Reason.REVOKED);
            assertThat(MAIL.getReceivedMessages()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void forgedOrAlteredDeliveriesAreRejectedAndNothingIsStored(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, smtp(), Provisioner.NONE, HubEventPublisher.NONE)) {
            WebhookRequest good = hub.delivery("m1", AccessFixture.orderJson("C-1", "paid", "2025-03-01T10:05:00Z",
                    "cy@example.com", "Cy", "TEE-01"));
            byte[] altered = new String(good.body(), StandardCharsets.UTF_8).replace("6.00", "0.01").getBytes(StandardCharsets.UTF_8);
            WebhookRequest forged = good.toBuilder().body(altered).build();
            assertThatThrownBy(() -> hub.inbox.receive("site", forged)).isInstanceOf(WebhookVerificationException.class);
            WebhookRequest unsigned = WebhookRequest.of(Map.of("content-type", "application/json"), good.body(), good.receivedAt());
            assertThatThrownBy(() -> hub.inbox.receive("site", unsigned)).isInstanceOf(WebhookVerificationException.class);
            assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
        }
    }

    static String linkIn(MimeMessage mail) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail));
        assertThat(m.find()).isTrue();
        return m.group(0);
    }

    static List<String> linksIn(MimeMessage mail) {
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(0));
        }
        return out;
    }
}
