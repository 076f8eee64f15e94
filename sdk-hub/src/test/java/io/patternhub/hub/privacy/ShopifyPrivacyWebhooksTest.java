package io.patternhub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.SandboxOrder;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shopify's mandatory privacy webhooks, end to end: the sandbox signs and POSTs them to a real HTTP
 * receiver that hands them to the hub's {@link WebhookInbox} (verified by
 * {@link ShopifyStorefront#parseWebhook}); the inbox routes them to {@link PrivacyService}.
 */
class ShopifyPrivacyWebhooksTest {
    private static final String TOKEN = "shpat_privacy";

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void dataRequestExportsRedactsEraseAndAForgedRequestIsRejected(Vendor vendor) throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(TOKEN).costBucket(1_000_000, 1_000_000)
                        .build().start();
                HubStore store = TestStores.fresh(vendor, clock);
                MockWebServer receiver = new MockWebServer()) {
            URI graphql = URI.create(shop.graphqlUrl());
            ShopifyStorefront storefront = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                    .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken(TOKEN)
                    .clientSecret(shop.clientSecret()).retry(RetrySettings.none()).build();
            List<ObjectNode> exports = new CopyOnWriteArrayList<>();
            List<PrivacyOutcome> outcomes = new CopyOnWriteArrayList<>();
            PrivacyService privacy = new PrivacyService(store, exports::add);
            WebhookInbox inbox = WebhookInbox.builder(store, OrderIngest.builder(store).build())
                    .storefront("shopify", storefront).onPrivacyEvent(e -> outcomes.add(privacy.handle(e))).build();
            receiver.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    var b = WebhookRequest.builder().body(request.getBody().readByteArray()).receivedAt(clock.instant());
                    request.getHeaders().toMultimap().forEach(b::putHeader);
                    try {
                        inbox.receive("shopify", b.build());
                        return new MockResponse().setResponseCode(200);
                    } catch (WebhookVerificationException e) {
                        return new MockResponse().setResponseCode(401);
                    }
                }
            });
            receiver.start();
            String url = receiver.url("/webhooks/shopify").toString();

            // three orders from distinct buyers reach the hub through orders/paid webhooks
            List<String> orderIds = shop.seedOrders(OrderSeed.builder().count(3).anonymousEvery(0).refundEvery(0).build());
            for (String id : orderIds) {
                assertThat(shop.deliverWebhook("orders/paid", url, shop.orderWebhookPayload(id)).status()).isEqualTo(200);
            }
            assertThat(inbox.processAll()).isEqualTo(3);
            List<String> emails = orderIds.stream().map(shop::order).map(o -> o.orElseThrow().email().orElseThrow())
                    .distinct().toList();
            assertThat(emails).hasSizeGreaterThanOrEqualTo(2);
            String ann = emails.get(0);
            String bo = emails.get(1);
            assertThat(ErasureTest.traces(store, ann)).contains("customers.email");

            // customers/data_request: an export of what the hub holds about her goes to the sink
            assertThat(shop.deliverPrivacyWebhook("customers/data_request", url, ann).status()).isEqualTo(200);
            inbox.processAll();
            assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(PrivacyEvent.Kind.DATA_REQUEST));
            long hers = orderIds.stream().map(shop::order).filter(o -> o.orElseThrow().email().orElseThrow()
                    .equalsIgnoreCase(ann)).count();
            assertThat(exports).singleElement().satisfies(e -> {
                assertThat(e.toString()).contains(ann);
                assertThat(e.findValues("orders").get(0).size()).isEqualTo((int) hers);
            });

            // a forged redact (body altered after signing) is answered 401 and never stored
            SignedWebhook signed = shop.signedWebhook("customers/redact", shop.privacyWebhookPayload("customers/redact", bo));
            SignedWebhook forged = signed.withBody(signed.bodyText().replace(bo, ann).getBytes(StandardCharsets.UTF_8));
            assertThat(shop.deliver(url, forged).status()).isEqualTo(401);
            assertThat(inbox.pendingCount()).isZero();

            // customers/redact: her email is gone from every table, her orders stay, bo is untouched
            assertThat(shop.deliverPrivacyWebhook("customers/redact", url, ann).status()).isEqualTo(200);
            inbox.processAll();
            assertThat(outcomes).hasSize(2);
            assertThat(outcomes.get(1).erasure().customerIds()).hasSize(1);
            assertThat(outcomes.get(1).erasure().ordersKept()).isEqualTo((int) hers);
            assertThat(ErasureTest.traces(store, ann)).isEmpty();
            assertThat(ErasureTest.traces(store, bo)).contains("customers.email");
            long orders = store.inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM orders", rs -> rs.getLong(1)))
                    .orElseThrow();
            assertThat(orders).isEqualTo(3L);

            // shop/redact: no Shopify buyer's email is left anywhere
            assertThat(shop.deliverPrivacyWebhook("shop/redact", url, ann).status()).isEqualTo(200);
            inbox.processAll();
            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(2).kind()).isEqualTo(PrivacyEvent.Kind.SHOP_REDACT);
            for (String email : emails) {
                assertThat(ErasureTest.traces(store, email)).as(email).isEmpty();
            }
            for (SandboxOrder o : shop.orders()) {
                assertThat(ErasureTest.traces(store, o.email().orElseThrow())).isEmpty();
            }
        }
    }
}
