package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries reach a real receiver that verifies them with sdk-core's Shopify verifier, answering 401 on a bad one. */
class ShopifySandboxWebhooksTest {
    static final String SECRET = "app-client-secret";
    final WebhookVerifier verifier = WebhookVerifier.shopify(SECRET);
    ShopifySandbox shop;
    Gql gql;
    MockWebServer receiver;

    @BeforeEach
    void start() throws Exception {
        shop = ShopifySandbox.builder().accessToken("shpat_test").clientSecret(SECRET).build().start();
        gql = new Gql(shop.graphqlUrl(), "shpat_test");
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                request.getHeaders().forEach(h -> headers.put(h.getFirst(), h.getSecond()));
                try {
                    verifier.verify(headers, request.getBody().clone().readByteArray());
                    return new MockResponse().setResponseCode(200);
                } catch (WebhookVerificationException e) {
                    return new MockResponse().setResponseCode(401);
                }
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        shop.close();
        receiver.shutdown();
    }

    String subscribe(String topic) {
        Gql.Reply reply = gql.query("mutation($topic: WebhookSubscriptionTopic!, $url: URL!) { webhookSubscriptionCreate("
                + "topic: $topic, webhookSubscription: {callbackUrl: $url, format: JSON}) { webhookSubscription { id topic "
                + "endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } } userErrors { message } } }",
                Map.of("topic", topic, "url", receiver.url("/hooks").toString()));
        assertThat(reply.data().path("webhookSubscriptionCreate").path("userErrors")).isEmpty();
        return reply.data().path("webhookSubscriptionCreate").path("webhookSubscription").path("id").asText();
    }

    @Test
    void subscriptionsAreStoredListedAndNotDuplicated() {
        subscribe("ORDERS_PAID");
        subscribe("APP_UNINSTALLED");
        Gql.Reply again = gql.query("mutation($url: URL!) { webhookSubscriptionCreate(topic: ORDERS_PAID, "
                + "webhookSubscription: {callbackUrl: $url}) { userErrors { message } } }",
                Map.of("url", receiver.url("/hooks").toString()));
        assertThat(again.data().path("webhookSubscriptionCreate").path("userErrors")).hasSize(1);
        assertThat(shop.webhookSubscriptions()).extracting(SandboxWebhookSubscription::topic)
                .containsExactly("ORDERS_PAID", "APP_UNINSTALLED");
        Gql.Reply listed = gql.query("{ webhookSubscriptions(first: 10, topics: [ORDERS_PAID]) { nodes { topic callbackUrl } } }");
        assertThat(listed.data().path("webhookSubscriptions").path("nodes")).hasSize(1);
    }

    @Test
    void stateChangesAreDeliveredSignedWithEveryShopifyHeader() throws Exception {
        subscribe("ORDERS_PAID");
        subscribe("REFUNDS_CREATE");
        subscribe("ORDERS_UPDATED");
        subscribe("APP_UNINSTALLED");
        String orderId = shop.seedOrders(OrderSeed.builder().count(1).refundEvery(0).build()).get(0);

        assertThat(shop.orderPaid(orderId)).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(200));
        RecordedRequest paid = receiver.takeRequest();
        assertThat(paid.getHeader("X-Shopify-Topic")).isEqualTo("orders/paid");
        assertThat(paid.getHeader("X-Shopify-Shop-Domain")).isEqualTo(shop.shopDomain());
        assertThat(paid.getHeader("X-Shopify-Api-Version")).isEqualTo("2025-01");
        assertThat(paid.getHeader("X-Shopify-Webhook-Id")).isNotBlank();
        assertThat(Gql.MAPPER.readTree(paid.getBody().readUtf8()).path("admin_graphql_api_id").asText()).isEqualTo(orderId);

        shop.refundOrder(orderId, new BigDecimal("5.00"), "partial");
        assertThat(receiver.takeRequest().getHeader("X-Shopify-Topic")).isEqualTo("refunds/create");
        assertThat(receiver.takeRequest().getHeader("X-Shopify-Topic")).isEqualTo("orders/updated");
        assertThat(shop.order(orderId).orElseThrow().financialStatus()).isEqualTo("PARTIALLY_REFUNDED");

        assertThat(shop.uninstallApp()).singleElement().satisfies(d -> assertThat(d.succeeded()).isTrue());
        assertThat(receiver.takeRequest().getHeader("X-Shopify-Topic")).isEqualTo("app/uninstalled");
        assertThat(gql.query("{ shop { name } }").status()).isEqualTo(401);
        assertThat(shop.webhookDeliveries()).hasSize(4).allMatch(SandboxWebhookDelivery::succeeded);
    }

    @Test
    void aTamperedDeliveryIsRefusedAndAReplayKeepsItsWebhookId() {
        SignedWebhook signed = shop.signedWebhook("PRODUCTS_UPDATE", "{\"id\":1}");
        String url = receiver.url("/hooks").toString();
        SandboxWebhookDelivery first = shop.deliver(url, signed);
        SandboxWebhookDelivery replay = shop.deliver(url, signed);
        SandboxWebhookDelivery tampered = shop.deliver(url, signed.withBody("{\"id\":2}".getBytes()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.webhookId()).isEqualTo(first.webhookId());
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(shop.signedWebhook("PRODUCTS_UPDATE", "{}").headers().get("X-Shopify-Webhook-Id"))
                .isNotEqualTo(first.webhookId());
    }

    @Test
    void theThreePrivacyTopicsAreDeliveredAndAWrongSecretGets401() throws Exception {
        shop.seedOrders(OrderSeed.builder().count(3).anonymousEvery(0).build());
        String url = receiver.url("/privacy").toString();
        for (String topic : List.of("customers/data_request", "customers/redact", "shop/redact")) {
            assertThat(shop.deliverPrivacyWebhook(topic, url, "buyer2@example.com").status()).isEqualTo(200);
            RecordedRequest r = receiver.takeRequest();
            assertThat(r.getHeader("X-Shopify-Topic")).isEqualTo(topic);
            var body = Gql.MAPPER.readTree(r.getBody().readUtf8());
            assertThat(body.path("shop_domain").asText()).isEqualTo(shop.shopDomain());
            if (!topic.equals("shop/redact")) {
                assertThat(body.path("customer").path("email").asText()).isEqualTo("buyer2@example.com");
            }
        }
        ShopifySandbox other = ShopifySandbox.builder().clientSecret("another-secret").build().start();
        try {
            assertThat(other.deliverPrivacyWebhook("shop/redact", url, null).status()).isEqualTo(401);
        } finally {
            other.close();
        }
        assertThatThrownBy(() -> shop.deliverPrivacyWebhook("orders/paid", url, "x@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsMapToTheirHeaderForm() {
        assertThat(ShopifySandbox.topicHeader("ORDERS_PAID")).isEqualTo("orders/paid");
        assertThat(ShopifySandbox.topicHeader("APP_UNINSTALLED")).isEqualTo("app/uninstalled");
        assertThat(ShopifySandbox.topicHeader("ORDER_TRANSACTIONS_CREATE")).isEqualTo("order_transactions/create");
        assertThat(ShopifySandbox.topicHeader("customers/redact")).isEqualTo("customers/redact");
    }
}
