package io.patternhub.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.ListingFile;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.access.AccessFixture;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.catalog.FileVersion;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole new-version path: a catalog import brings a new file version, the sync pushes it to the
 * Etsy sandbox, and every past buyer gets one email with a fresh link (received by GreenMail).
 */
class NewVersionPushAndAnnounceTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void newFileVersionIsPushedToEtsyAndAnnouncedOncePerPastBuyer(Vendor vendor) throws Exception {
        SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(MAIL.getSmtp().getPort())
                .from("shop@tilly.example", "Tilly's Patterns").build();
        Path root = CatalogFixtures.write(tmp.resolve("catalog-" + vendor), 2);
        EtsySandbox sandbox = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000).build(); // limits are not under test here
        sandbox.start();
        try (sandbox; AccessFixture hub = new AccessFixture(vendor, false, smtp, Provisioner.NONE, HubEventPublisher.NONE)) {
            EtsyTokens tokens = sandbox.issueTokens(EtsySandbox.DEFAULT_SCOPES);
            EtsyStorefront etsy = EtsyStorefront.builder().shopId(sandbox.defaultShopId()).apiKey(sandbox.apiKey())
                    .accessToken(tokens.accessToken()).baseUrl(sandbox.baseUrl()).taxonomyId(1L).shopCurrency("USD")
                    .rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).build();
            Catalog catalog = new Catalog(hub.store);
            catalog.importFolder(root, false);
            CatalogSync sync = CatalogSync.builder(hub.store).target(SyncTarget.builder("etsy", etsy).currency("USD").build()).build();
            sync.apply();

            String sku = CatalogFixtures.sku(2);
            for (String[] buyer : List.of(new String[] {"ann@example.com", "Ann"}, new String[] {"bo@example.com", "Bo"})) {
                hub.inbox.receive("site", hub.delivery("p-" + buyer[1], AccessFixture.orderJson("O-" + buyer[1], "paid",
                        "2025-03-01T10:05:00Z", buyer[0], buyer[1], sku)));
            }
            hub.inbox.processAll();
            assertThat(MAIL.getReceivedMessages()).hasSize(2);
            MAIL.purgeEmailFromAllMailboxes();

            String listingId = sync.mappings("etsy").stream().filter(m -> m.sku().equals(sku)).findFirst().orElseThrow()
                    .externalId().orElseThrow();
            List<String> oldFileIds = etsy.files(listingId).stream().map(ListingFile::externalId).toList();
            assertThat(oldFileIds).hasSize(2);

            CatalogFixtures.writePattern(root, 2, "Pattern 2", "1.1");
            ImportReport report = catalog.importFolder(root, false);
            sync.apply();
            assertThat(report.newFileVersions()).extracting(FileVersion::sku).containsOnly(sku).hasSize(2);
            // both files were replaced on Etsy by new uploads
            List<ListingFile> onEtsy = etsy.files(listingId);
            assertThat(onEtsy).hasSize(2);
            assertThat(onEtsy).extracting(ListingFile::externalId).doesNotContainAnyElementsOf(oldFileIds);

            String version = report.newFileVersions().get(0).version();
            assertThat(hub.notifications.announceNewVersion(sku, version, "New size range")).isEqualTo(new Announcement(2, 0, 0));
            assertThat(hub.notifications.announceNewVersion(sku, version, "New size range")).isEqualTo(new Announcement(0, 2, 0));
            MimeMessage[] mails = MAIL.getReceivedMessages();
            assertThat(mails).hasSize(2);
            for (MimeMessage m : mails) {
                String body = GreenMailUtil.getBody(m);
                java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://shop\\.example/d/(\\S+)").matcher(body);
                assertThat(link.find()).isTrue();
                assertThat(hub.links.verify(link.group(0)).fileVersion()).isEqualTo("1.1");
            }
        }
    }
}
