package io.patternhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.hub.store.Vendor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignedCallbacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> headers(RecordedRequest r) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.getHeaders().forEach(p -> h.put(p.getFirst(), p.getSecond()));
        return h;
    }

    @Test
    void retriesWithTheSameIdAndAReceiverCanVerifyTheSignature() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setResponseCode(503));
            server.enqueue(new MockResponse().setResponseCode(200));
            SignedCallbacks callbacks = SignedCallbacks.builder()
                    .endpoint(CallbackEndpoint.of(server.url("/hook").toString(), AccessFixture.SECRET))
                    .initialBackoff(Duration.ZERO).maxAttempts(3).build();
            HubEvent event = new HubEvent("order_paid_1", HubEvent.ORDER_PAID, java.time.Instant.now(),
                    JSON.createObjectNode().put("order_id", "1"));
            callbacks.publish(event);

            assertThat(server.getRequestCount()).isEqualTo(2);
            RecordedRequest first = server.takeRequest();
            RecordedRequest second = server.takeRequest();
            assertThat(headers(first).get("webhook-id")).isEqualTo(headers(second).get("webhook-id")).isEqualTo("msg_order_paid_1");
            byte[] body = second.getBody().readByteArray();
            WebhookVerifier.etsy(AccessFixture.SECRET).verify(headers(second), body);
            JsonNode payload = JSON.readTree(body);
            assertThat(payload.get("type").asText()).isEqualTo("order.paid");
            assertThat(payload.at("/data/order_id").asText()).isEqualTo("1");
        }
    }

    @Test
    void aClientErrorIsFinalAndOtherEndpointsStillGetTheEvent() throws Exception {
        try (MockWebServer bad = new MockWebServer(); MockWebServer good = new MockWebServer()) {
            bad.enqueue(new MockResponse().setResponseCode(400));
            good.enqueue(new MockResponse().setResponseCode(204));
            SignedCallbacks callbacks = SignedCallbacks.builder()
                    .endpoint(CallbackEndpoint.of(bad.url("/").toString(), AccessFixture.SECRET))
                    .endpoint(new CallbackEndpoint(good.url("/").uri(),
                            io.patternhub.core.webhook.StandardWebhookSigner.create(AccessFixture.SECRET), Set.of("order.paid")))
                    .initialBackoff(Duration.ZERO).maxAttempts(5).build();
            HubEvent event = new HubEvent("e1", HubEvent.ORDER_PAID, java.time.Instant.now(), JSON.createObjectNode());
            assertThatThrownBy(() -> callbacks.publish(event)).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("HTTP 400");
            assertThat(bad.getRequestCount()).isEqualTo(1);
            assertThat(good.getRequestCount()).isEqualTo(1);
            // an endpoint not subscribed to a type gets nothing
            bad.enqueue(new MockResponse().setResponseCode(200));
            callbacks.publish(new HubEvent("e2", HubEvent.PATTERN_UPDATED, java.time.Instant.now(), JSON.createObjectNode()));
            assertThat(good.getRequestCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void paidAndRefundedOrdersProvisionAndPublishSignedCallbacks(Vendor vendor) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            for (int i = 0; i < 4; i++) {
                server.enqueue(new MockResponse().setResponseCode(200));
            }
            SignedCallbacks callbacks = SignedCallbacks.builder()
                    .endpoint(CallbackEndpoint.of(server.url("/zap").toString(), AccessFixture.SECRET))
                    .initialBackoff(Duration.ZERO).build();
            List<String> mails = new ArrayList<>();
            java.time.Clock clock;
            io.patternhub.testkit.time.ManualClock provisionClock =
                    io.patternhub.testkit.time.ManualClock.at(java.time.Instant.parse("2025-03-01T12:00:00Z"));
            try (AccessFixture hub = new AccessFixture(vendor, n -> mails.add(n.toAddress()),
                    new WebhookProvisioner(callbacks, provisionClock), callbacks)) {
                clock = hub.clock;
                hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("P-1", "paid", "2025-03-01T10:05:00Z",
                        "pat@example.com", "Pat", "TEE-01")));
                hub.inbox.processAll();
                hub.inbox.receive("site", hub.delivery("m2", AccessFixture.orderJson("P-1", "refunded", "2025-03-02T10:05:00Z",
                        "pat@example.com", "Pat", "TEE-01")));
                hub.inbox.processAll();
            }
            List<String> types = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RecordedRequest r = server.takeRequest();
                byte[] body = r.getBody().readByteArray();
                WebhookVerifier.etsy(AccessFixture.SECRET, clock).verify(headers(r), body);
                JsonNode json = JSON.readTree(body);
                types.add(json.get("type").asText());
                if (json.get("type").asText().startsWith("access.")) {
                    assertThat(json.at("/data/sku").asText()).isEqualTo("TEE-01");
                    assertThat(json.at("/data/email").asText()).isEqualTo("pat@example.com");
                }
            }
            assertThat(types).containsExactly("access.granted", "order.paid", "access.revoked", "order.refunded");
            assertThat(mails).containsExactly("pat@example.com");
        }
    }
}
