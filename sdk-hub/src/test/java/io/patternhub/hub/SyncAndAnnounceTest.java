package io.patternhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.access.AccessFixture;
import io.patternhub.hub.access.CallbackEndpoint;
import io.patternhub.hub.access.HubEvent;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.access.SignedCallbacks;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.notify.Announcement;
import io.patternhub.hub.notify.NewVersionAnnouncer.AnnouncedVersion;
import io.patternhub.hub.notify.SmtpNotifier;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.shopify.ShopifySandbox;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PatternHub.syncAndAnnounce: a new file version is pushed, then told once to past buyers and to callbacks. */
class SyncAndAnnounceTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aPushedNewVersionIsAnnouncedOnceToPastBuyersAndAsAPatternUpdatedEvent(Vendor vendor) throws Exception {
        SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(MAIL.getSmtp().getPort())
                .from("shop@tilly.example", "Tilly's Patterns").build();
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 2);
        String sku = CatalogFixtures.sku(2);
        try (MockWebServer receiver = new MockWebServer();
                EtsySandbox etsySandbox = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000).build();
                ShopifySandbox shop = ShopifySandbox.builder().accessToken("shpat_t").costBucket(1_000_000, 1_000_000)
                        .build().start()) {
            etsySandbox.start();
            for (int i = 0; i < 5; i++) {
                receiver.enqueue(new MockResponse().setResponseCode(204));
            }
            SignedCallbacks callbacks = SignedCallbacks.builder()
                    .endpoint(CallbackEndpoint.of(receiver.url("/hub").toString(), AccessFixture.SECRET))
                    .initialBackoff(Duration.ZERO).maxAttempts(1).build();
            try (AccessFixture fx = new AccessFixture(vendor, false, smtp, Provisioner.NONE, callbacks);
                    PatternHub hub = PatternHub.builder().store(fx.store)
                            .target(SyncTarget.builder("etsy", etsy(etsySandbox)).currency("USD").build())
                            .target(SyncTarget.builder("shop", shopify(shop)).currency("USD").build())
                            .announcements(fx.notifications, callbacks).build()) {
                Catalog catalog = hub.catalog();
                catalog.importFolder(root, true);
                PublishReport first = hub.syncAndAnnounce();
                assertThat(first.sync().isComplete()).as(first.sync().toString()).isTrue();
                assertThat(first.announced()).isEmpty();

                for (String buyer : new String[] {"ann", "bo"}) {
                    fx.inbox.receive("site", fx.delivery("p-" + buyer, AccessFixture.orderJson("O-" + buyer, "paid",
                            "2025-03-01T12:00:00Z", buyer + "@example.com", buyer, sku)));
                }
                fx.inbox.processAll();

                fx.clock.advance(Duration.ofHours(1));
                CatalogFixtures.writePattern(root, 2, "Pattern 2", "1.1");
                catalog.importFolder(root, true);
                fx.clock.advance(Duration.ofHours(1));
                // cy buys after the release: the purchase email already has 1.1, so no announcement
                fx.inbox.receive("site", fx.delivery("p-cy", AccessFixture.orderJson("O-cy", "paid",
                        "2025-03-01T14:00:00Z", "cy@example.com", "cy", sku)));
                fx.inbox.processAll();
                int purchaseEvents = receiver.getRequestCount();
                for (int i = 0; i < purchaseEvents; i++) {
                    receiver.takeRequest();
                }

                PublishReport second = hub.syncAndAnnounce();
                assertThat(second.sync().isComplete()).isTrue();
                assertThat(second.sync().result("etsy").completed()).isEqualTo(1);
                assertThat(second.announced()).containsExactly(new AnnouncedVersion(sku, "1.1", true, new Announcement(2, 0, 0)));
                assertThat(announcementsTo()).containsExactlyInAnyOrder("ann@example.com", "bo@example.com");
                assertThat(receiver.getRequestCount()).isEqualTo(purchaseEvents + 1);
                RecordedRequest event = receiver.takeRequest();
                byte[] body = event.getBody().readByteArray();
                WebhookVerifier.etsy(AccessFixture.SECRET, fx.clock).verify(headers(event), body);
                JsonNode payload = JSON.readTree(body);
                assertThat(payload.get("type").asText()).isEqualTo(HubEvent.PATTERN_UPDATED);
                assertThat(payload.at("/data/sku").asText()).isEqualTo(sku);
                assertThat(payload.at("/data/version").asText()).isEqualTo("1.1");
                // Shopify took the listing only; the files went to Etsy
                assertThat(shop.files()).isEmpty();

                // again: nothing pushed, nothing sent twice
                PublishReport third = hub.syncAndAnnounce();
                assertThat(third.announced()).containsExactly(new AnnouncedVersion(sku, "1.1", false, new Announcement(0, 2, 0)));
                assertThat(announcementsTo()).containsExactlyInAnyOrder("ann@example.com", "bo@example.com");
                assertThat(receiver.getRequestCount()).isEqualTo(purchaseEvents + 1);
            }
        }
    }

    /** The recipients of every new-version email received so far. */
    private static java.util.List<String> announcementsTo() throws jakarta.mail.MessagingException {
        java.util.List<String> to = new java.util.ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (m.getSubject().startsWith("New version of")) {
                to.add(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress());
            }
        }
        return to;
    }

    private static Map<String, String> headers(RecordedRequest r) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.getHeaders().forEach(p -> h.put(p.getFirst(), p.getSecond()));
        return h;
    }

    private static EtsyStorefront etsy(EtsySandbox sandbox) {
        return EtsyStorefront.builder().shopId(sandbox.defaultShopId()).apiKey(sandbox.apiKey())
                .accessToken(sandbox.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken()).baseUrl(sandbox.baseUrl())
                .taxonomyId(1L).shopCurrency("USD").rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none())
                .build();
    }

    private static ShopifyStorefront shopify(ShopifySandbox shop) {
        URI graphql = URI.create(shop.graphqlUrl());
        return ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken("shpat_t")
                .clientSecret(shop.clientSecret()).retry(RetrySettings.none()).build();
    }
}
