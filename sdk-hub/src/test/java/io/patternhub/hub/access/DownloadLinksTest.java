package io.patternhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.hub.access.DownloadLinkException.Reason;
import io.patternhub.hub.store.Vendor;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DownloadLinksTest {

    private static String entitlement(AccessFixture hub) {
        hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("L-1", "paid", "2025-03-01T10:05:00Z",
                "lin@example.com", "Lin", "TEE-01")));
        hub.inbox.processAll();
        return hub.strings("SELECT id FROM entitlements").get(0);
    }

    private static Reason reason(AccessFixture hub, String link) {
        try {
            hub.links.verify(link);
        } catch (DownloadLinkException e) {
            return e.reason();
        }
        throw new AssertionError("link was accepted: " + link);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void validLinkCountsDownloadsUpToItsLimit(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            String ent = entitlement(hub);
            DownloadLink link = hub.links.sign(ent, "tee-a4.pdf", "1.0", Duration.ofDays(1), 2);
            assertThat(link.url().toString()).startsWith("https://shop.example/d/");

            Download first = hub.links.verify(link.url().toString());
            assertThat(first.fileName()).isEqualTo("tee-a4.pdf");
            assertThat(first.sku()).isEqualTo("TEE-01");
            assertThat(first.downloadsUsed()).isEqualTo(1);
            assertThat(first.remaining()).isEqualTo(1);
            assertThat(hub.links.verify(link.token()).downloadsUsed()).isEqualTo(2);
            assertThat(reason(hub, link.token())).isEqualTo(Reason.DOWNLOAD_LIMIT_REACHED);
            // the count is persisted: the refused attempt did not count
            assertThat(hub.count("SELECT downloads FROM download_links WHERE id = ?", link.id())).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void expiredLinkIsRefused(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            String ent = entitlement(hub);
            DownloadLink link = hub.links.sign(ent, "tee-a4.pdf", "1.0", Duration.ofHours(1), 5);
            hub.clock.advance(Duration.ofMinutes(59));
            assertThat(hub.links.verify(link.token()).downloadsUsed()).isEqualTo(1);
            hub.clock.advance(Duration.ofMinutes(1));
            assertThat(reason(hub, link.token())).isEqualTo(Reason.EXPIRED);
            assertThat(hub.count("SELECT downloads FROM download_links WHERE id = ?", link.id())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void tamperedLinksAreRefused(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            String ent = entitlement(hub);
            DownloadLink link = hub.links.sign(ent, "tee-a4.pdf", "1.0", Duration.ofHours(1), 1);
            String[] p = link.token().split("\\.");
            // more downloads, a later expiry, another link id, a flipped signature, garbage
            assertThat(reason(hub, p[0] + "." + p[1] + ".99." + p[3])).isEqualTo(Reason.TAMPERED);
            assertThat(reason(hub, p[0] + "." + (Long.parseLong(p[1]) + 86400) + "." + p[2] + "." + p[3])).isEqualTo(Reason.TAMPERED);
            assertThat(reason(hub, "AAAAAAAAAAAAAAAAAAAAAA." + p[1] + "." + p[2] + "." + p[3])).isEqualTo(Reason.TAMPERED);
            byte[] sig = Base64.getUrlDecoder().decode(p[3]);
            sig[0] ^= 1;
            assertThat(reason(hub, p[0] + "." + p[1] + "." + p[2] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(sig))).isEqualTo(Reason.TAMPERED);
            assertThat(reason(hub, "not-a-token")).isEqualTo(Reason.TAMPERED);
            // a link signed with another key
            DownloadLinks other = DownloadLinks.builder(hub.store).secret(new byte[32]).baseUrl("https://x.example/").build();
            DownloadLink foreign = other.sign(ent, "tee-a4.pdf", "1.0");
            assertThat(reason(hub, foreign.token())).isEqualTo(Reason.TAMPERED);
            // none of that was counted: the real link still has its one download
            assertThat(hub.links.verify(link.token()).downloadsUsed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void badSigningRequestsGetTypedErrors(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            String ent = entitlement(hub);
            assertThatThrownBy(() -> hub.links.sign("nope", "f.pdf", null)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> hub.links.sign(ent, "f.pdf", null, Duration.ZERO, 1)).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> hub.links.sign(ent, "f.pdf", null, Duration.ofHours(1), 0)).isInstanceOf(InvalidRequestException.class);
        }
    }
}
