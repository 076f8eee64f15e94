package io.patternhub.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.event.ListingEvent;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooWebhooksTest {
    private static final String SECRET = "hub-webhook-secret";
    private WooCommerceSandbox woo;
    private WooCommerceStorefront shop;
    private MockWebServer receiver;
    private long product;

    @BeforeEach
    void start() throws Exception {
        woo = WooTestSupport.sandbox();
        shop = WooTestSupport.storefront(woo).webhookSecret(SECRET).build();
        receiver = new MockWebServer();
        receiver.start();
        product = woo.addProduct("Cardigan", "CARDI", "8.00", "https://files.example/cardi.pdf");
    }

    @AfterEach
    void stop() throws Exception {
        shop.close();
        woo.close();
        receiver.shutdown();
    }

    private static WebhookRequest toRequest(RecordedRequest r) {
        Map<String, String> headers = new LinkedHashMap<>();
        r.getHeaders().names().forEach(n -> headers.put(n, r.getHeader(n)));
        return WebhookRequest.of(headers, r.getBody().readByteArray(), Instant.now());
    }

    private static WebhookRequest toRequest(SignedWebhook w) {
        return WebhookRequest.of(w.headers(), w.body(), Instant.now());
    }

    @Test
    void aSignedOrderDeliveryParsesAndATamperedOneIsRejected() throws Exception {
        receiver.enqueue(new MockResponse().setResponseCode(200));
        WooCommerceWebhook hook = shop.createWebhook("order.created", receiver.url("/hooks/woo").uri(), SECRET);
        long order = woo.addOrder(WooOrderSeed.builder("EUR").customer(9, "c@example.com").line(product, 1, "8.00")
                .build());

        RecordedRequest delivered = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.getHeader("X-WC-Webhook-Topic")).isEqualTo("order.created");
        assertThat(delivered.getHeader("X-WC-Webhook-ID")).isEqualTo(hook.id());
        WebhookRequest request = toRequest(delivered);
        List<StorefrontEvent> events = shop.parseWebhook(request);
        assertThat(events).singleElement().isInstanceOfSatisfying(OrderEvent.class, e -> {
            assertThat(e.orderExternalId()).isEqualTo(String.valueOf(order));
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.PAID);
            assertThat(e.order().orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        });

        byte[] tampered = request.bodyAsString().replace("\"8.00\"", "\"0.01\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> shop.parseWebhook(request.toBuilder().body(tampered).build()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> shop.parseWebhook(WebhookRequest.of(Map.of("X-WC-Webhook-Topic", "order.created"),
                request.body(), Instant.now()))).isInstanceOf(WebhookVerificationException.class);
        assertThat(woo.webhook(Long.parseLong(hook.id())).orElseThrow().deliveries()).isEqualTo(1);
    }

    @Test
    void redeliveriesAndPollsOfTheSameStateYieldOneEvent() {
        WooCommerceWebhook hook = shop.createWebhook("order.updated", URI.create("https://hub.example/woo"), SECRET);
        woo.rememberSecret(Long.parseLong(hook.id()), SECRET);
        long order = woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "8.00").build());
        SignedWebhook delivery = woo.signedOrderDelivery(Long.parseLong(hook.id()), "order.updated", order);
        WooCommerceOrderEvents events = WooCommerceOrderEvents.builder(shop).build();
        List<OrderEvent> handled = new ArrayList<>();

        assertThat(events.onWebhook(toRequest(delivery), handled::add)).isEqualTo(1);
        assertThat(events.onWebhook(toRequest(delivery), handled::add)).isZero();
        assertThat(events.poll(handled::add)).isZero();
        assertThat(handled).hasSize(1);
    }

    @Test
    void productTopicsBecomeListingEventsAndThePingIsIgnored() {
        WooCommerceWebhook hook = shop.createWebhook("product.updated", receiver.url("/p").uri(), SECRET);
        receiver.enqueue(new MockResponse().setResponseCode(200));
        shop.updateListing(String.valueOf(product), io.patternhub.core.storefront.ListingUpdate.builder()
                .title("Cardigan v2").build());
        List<StorefrontEvent> events;
        try {
            events = shop.parseWebhook(toRequest(receiver.takeRequest(5, TimeUnit.SECONDS)));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(events).singleElement().isInstanceOfSatisfying(ListingEvent.class, e -> {
            assertThat(e.kind()).isEqualTo(ListingEvent.Kind.UPDATED);
            assertThat(e.listing().orElseThrow().title()).isEqualTo("Cardigan v2");
        });
        assertThat(shop.parseWebhook(WebhookRequest.of(Map.of(), ("webhook_id=" + hook.id())
                .getBytes(StandardCharsets.UTF_8), Instant.now()))).isEmpty();
    }

    @Test
    void aWebhookDisabledAfterFiveFailuresIsDetectedAndReEnabled() throws Exception {
        WooCommerceWebhook hook = shop.createWebhook("order.created", receiver.url("/down").uri(), SECRET);
        long hookId = Long.parseLong(hook.id());
        for (int i = 0; i < 5; i++) {
            receiver.enqueue(new MockResponse().setResponseCode(500));
        }
        for (int i = 0; i < 4; i++) {
            woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "8.00").build());
        }
        assertThat(woo.webhook(hookId).orElseThrow().status()).isEqualTo("active");
        assertThat(woo.webhook(hookId).orElseThrow().consecutiveFailures()).isEqualTo(4);
        woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "8.00").build());
        assertThat(woo.webhook(hookId).orElseThrow().status()).isEqualTo("disabled");

        // While disabled nothing is delivered.
        woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "8.00").build());
        assertThat(receiver.getRequestCount()).isEqualTo(5);

        List<WooCommerceWebhook> reEnabled = shop.reEnableDisabledWebhooks();
        assertThat(reEnabled).extracting(WooCommerceWebhook::id).containsExactly(hook.id());
        assertThat(woo.webhook(hookId).orElseThrow().status()).isEqualTo("active");
        assertThat(woo.webhook(hookId).orElseThrow().consecutiveFailures()).isZero();
        assertThat(shop.reEnableDisabledWebhooks()).isEmpty();

        receiver.enqueue(new MockResponse().setResponseCode(200));
        woo.addOrder(WooOrderSeed.builder("EUR").line(product, 1, "8.00").build());
        assertThat(receiver.getRequestCount()).isEqualTo(6);
        assertThat(woo.webhook(hookId).orElseThrow().deliveries()).isEqualTo(6);
    }
}
