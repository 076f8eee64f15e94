package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.event.AppUninstalledEvent;
import io.patternhub.core.event.ListingEvent;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.SandboxWebhookDelivery;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: the sandbox signs and POSTs deliveries to a real HTTP receiver that hands the
 * raw request to {@link ShopifyStorefront#answerWebhook} and answers with its status.
 */
class ShopifyWebhooksTest {
    ShopifySandbox shop;
    ShopifyStorefront store;
    MockWebServer receiver;
    final List<StorefrontEvent> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        shop = ShopifyTestSupport.roomySandbox();
        store = ShopifyTestSupport.storefront(shop).build();
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                var b = WebhookRequest.builder().body(request.getBody().readByteArray()).receivedAt(Instant.now());
                request.getHeaders().toMultimap().forEach(b::putHeader);
                ShopifyWebhookAnswer answer = store.answerWebhook(b.build());
                received.addAll(answer.events());
                return new MockResponse().setResponseCode(answer.status());
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.shutdown();
        store.close();
        shop.close();
    }

    String url() {
        return receiver.url("/webhooks/shopify").toString();
    }

    @Test
    void subscriptionsAreCreatedOnceAndDeliveriesBecomeEvents() {
        List<String> ids = store.subscribeWebhooks(url());
        assertThat(shop.webhookSubscriptions()).extracting(s -> s.topic())
                .containsExactlyInAnyOrderElementsOf(ShopifyStorefront.DEFAULT_TOPICS);
        assertThat(store.subscribeWebhooks(url())).isEqualTo(ids); // idempotent
        assertThat(shop.webhookSubscriptions()).hasSize(5);

        String orderId = shop.seedOrders(OrderSeed.builder().count(1).refundEvery(0).build()).get(0);
        assertThat(shop.orderPaid(orderId)).allSatisfy(d -> assertThat(d.status()).isEqualTo(200));
        shop.refundOrder(orderId, new BigDecimal("1.00"), "test");
        var product = store.createListing(ShopifyTestSupport.draft("W-1", "Webhook tee", "3.00"));
        shop.productUpdated(product.externalId());
        shop.uninstallApp();

        assertThat(received).hasSize(5);
        assertThat(received.get(0)).isInstanceOfSatisfying(OrderEvent.class, e -> {
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.PAID);
            assertThat(e.orderExternalId()).isEqualTo(orderId);
        });
        assertThat(received.get(1)).isInstanceOfSatisfying(OrderEvent.class,
                e -> assertThat(e.kind()).isEqualTo(OrderEvent.Kind.REFUNDED));
        assertThat(received.get(2)).isInstanceOfSatisfying(OrderEvent.class, e -> {
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.UPDATED);
            assertThat(e.orderExternalId()).isEqualTo(orderId);
        });
        assertThat(received.get(3)).isInstanceOfSatisfying(ListingEvent.class, e -> {
            assertThat(e.kind()).isEqualTo(ListingEvent.Kind.UPDATED);
            assertThat(e.listingExternalId()).isEqualTo(product.externalId());
        });
        assertThat(received.get(4)).isInstanceOfSatisfying(AppUninstalledEvent.class,
                e -> assertThat(e.shop()).isEqualTo(shop.shopDomain()));
        List<String> deliveryIds = shop.webhookDeliveries().stream().map(SandboxWebhookDelivery::webhookId).toList();
        assertThat(received).extracting(StorefrontEvent::eventId).containsExactlyElementsOf(deliveryIds);
    }

    @Test
    void aTamperedDeliveryIsAnswered401AndYieldsNothing() {
        String orderId = shop.seedOrders(OrderSeed.builder().count(1).build()).get(0);
        SignedWebhook signed = shop.signedWebhook("ORDERS_PAID", shop.orderWebhookPayload(orderId));
        SignedWebhook tampered = signed.withBody(signed.bodyText().replace("\"total_price\":\"", "\"total_price\":\"9")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(shop.deliver(url(), tampered).status()).isEqualTo(401);
        assertThat(received).isEmpty();

        WebhookRequest direct = WebhookRequest.of(tampered.headers(), tampered.body(), Instant.now());
        assertThatThrownBy(() -> store.parseWebhook(direct)).isInstanceOf(WebhookVerificationException.class);
        WebhookRequest unsigned = WebhookRequest.of(java.util.Map.of("X-Shopify-Topic", "orders/paid"),
                signed.body(), Instant.now());
        assertThatThrownBy(() -> store.parseWebhook(unsigned)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aReplayedDeliveryYieldsItsEventsOnce() {
        String orderId = shop.seedOrders(OrderSeed.builder().count(1).build()).get(0);
        SignedWebhook signed = shop.signedWebhook("ORDERS_PAID", shop.orderWebhookPayload(orderId));
        for (int i = 0; i < 4; i++) {
            assertThat(shop.deliver(url(), signed).status()).isEqualTo(200); // Shopify must see success
        }
        assertThat(received).singleElement().isInstanceOf(OrderEvent.class);
        WebhookRequest again = WebhookRequest.of(signed.headers(), signed.body(), Instant.now());
        assertThat(store.answerWebhook(again).replay()).isTrue();
    }

    @Test
    void theThreeMandatoryPrivacyTopicsBecomePrivacyEvents() {
        List<String> orders = shop.seedOrders(OrderSeed.builder().count(3).anonymousEvery(0).build());
        String email = shop.order(orders.get(0)).orElseThrow().email().orElseThrow();
        List<String> hers = shop.orders().stream().filter(o -> o.email().filter(email::equalsIgnoreCase).isPresent())
                .map(o -> o.id()).toList();

        assertThat(shop.deliverPrivacyWebhook("customers/data_request", url(), email).status()).isEqualTo(200);
        assertThat(shop.deliverPrivacyWebhook("customers/redact", url(), email).status()).isEqualTo(200);
        assertThat(shop.deliverPrivacyWebhook("shop/redact", url(), email).status()).isEqualTo(200);

        assertThat(received).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(PrivacyEvent.class));
        PrivacyEvent request = (PrivacyEvent) received.get(0);
        assertThat(request.kind()).isEqualTo(PrivacyEvent.Kind.DATA_REQUEST);
        assertThat(request.shop()).isEqualTo(shop.shopDomain());
        assertThat(request.customers()).singleElement().satisfies(c -> assertThat(c.email()).contains(email));
        assertThat(request.orderExternalIds()).containsExactlyInAnyOrderElementsOf(hers);
        PrivacyEvent redact = (PrivacyEvent) received.get(1);
        assertThat(redact.kind()).isEqualTo(PrivacyEvent.Kind.CUSTOMER_REDACT);
        assertThat(redact.orderExternalIds()).containsExactlyInAnyOrderElementsOf(hers);
        PrivacyEvent shopRedact = (PrivacyEvent) received.get(2);
        assertThat(shopRedact.kind()).isEqualTo(PrivacyEvent.Kind.SHOP_REDACT);
        assertThat(shopRedact.customers()).isEmpty();

        // A forged privacy request is answered 401, as Shopify requires.
        SignedWebhook forged = shop.signedWebhook("customers/redact", shop.privacyWebhookPayload("customers/redact",
                email));
        SignedWebhook altered = forged.withBody(forged.bodyText().replace(email, "someone@else.example")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(shop.deliver(url(), altered).status()).isEqualTo(401);
        assertThat(received).hasSize(3);
    }

    @Test
    void aRotatedSecretStillVerifiesDuringTheRotation() {
        ShopifyStorefront rotating = ShopifyTestSupport.storefront(shop).clientSecrets("the-new-secret",
                shop.clientSecret()).build();
        String orderId = shop.seedOrders(OrderSeed.builder().count(1).build()).get(0);
        SignedWebhook signed = shop.signedWebhook("ORDERS_UPDATED", shop.orderWebhookPayload(orderId));
        assertThat(rotating.parseWebhook(WebhookRequest.of(signed.headers(), signed.body(), Instant.now())))
                .singleElement().isInstanceOf(OrderEvent.class);
        rotating.close();
    }
}
