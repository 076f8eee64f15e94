package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.webhook.StandardWebhookVerifier;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtsySandboxWebhookTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private final ObjectMapper mapper = new ObjectMapper();
    private EtsySandbox etsy;
    private MockWebServer receiver;

    @BeforeEach
    void start() throws Exception {
        etsy = EtsySandbox.builder().clock(clock).build().start();
        receiver = new MockWebServer();
        receiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.shutdown();
        etsy.close();
    }

    @Test
    void orderPaidIsDeliveredSignedAndVerifiesWithTheCoreVerifier() throws Exception {
        long receipt = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "9.00").build());
        receiver.enqueue(new MockResponse().setResponseCode(200));

        assertThat(etsy.deliverOrderPaid(receiver.url("/hooks/etsy").toString(), receipt)).isEqualTo(200);

        RecordedRequest delivered = receiver.takeRequest(5, TimeUnit.SECONDS);
        byte[] body = delivered.getBody().readByteArray();
        StandardWebhookVerifier verifier = StandardWebhookVerifier.builder(etsy.webhookSecret()).clock(clock).build();
        verifier.verify(WebhookHeaders.ofMultimap(delivered.getHeaders().toMultimap()), body);
        JsonNode payload = mapper.readTree(body);
        assertThat(payload.get("event_type").asText()).isEqualTo("order.paid");
        assertThat(payload.get("shop_id").asLong()).isEqualTo(etsy.defaultShopId());
        assertThat(payload.get("resource_url").asText())
                .endsWith("/v3/application/shops/" + etsy.defaultShopId() + "/receipts/" + receipt);
        assertThat(payload.size()).as("Etsy's payload is flat").isEqualTo(3);

        byte[] tampered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace(Long.toString(receipt), "1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(WebhookHeaders.ofMultimap(delivered.getHeaders().toMultimap()),
                tampered)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void replaysOfOneReceiptKeepTheWebhookId() {
        long receipt = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "9.00").build());
        long other = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("T", "Top", 1, "9.00").build());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(java.time.Duration.ofSeconds(30));
            SignedWebhook w = etsy.orderPaidWebhook(receipt);
            ids.add(w.headers().get("webhook-id"));
            assertThat(w.headers().get("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        }
        assertThat(ids).hasSize(1);
        assertThat(etsy.orderPaidWebhook(other).headers().get("webhook-id")).isNotIn(ids);
    }

    @Test
    void subscribedUrlsGetOrderPaidForEveryPaidReceiptSeeded() throws Exception {
        etsy.subscribeWebhooks(receiver.url("/hooks").toString());
        receiver.enqueue(new MockResponse().setResponseCode(204));

        long paid = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "9.00").build());
        etsy.addReceipt(ReceiptSeed.builder("USD").transaction("S", "Skirt", 1, "9.00").paid(false).build());

        assertThat(receiver.getRequestCount()).isEqualTo(1);
        RecordedRequest delivered = receiver.takeRequest(5, TimeUnit.SECONDS);
        assertThat(delivered.getBody().readUtf8()).contains("/receipts/" + paid + "\"");
    }
}
