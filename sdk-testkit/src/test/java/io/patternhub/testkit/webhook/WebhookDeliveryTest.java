package io.patternhub.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookDeliveryTest {
    private static final String ETSY_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("etsy-signing-key-etsy-signing-key".getBytes(StandardCharsets.UTF_8));
    private static final ManualClock CLOCK = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private static final String BODY = "{\"event_type\":\"order.paid\",\"shop_id\":123,\"total\":\"9.00\"}";

    private final WebhookDelivery delivery = WebhookDelivery.create();
    private final List<String> receivedReasons = new CopyOnWriteArrayList<>();
    private SandboxServer receiver;

    /** A receiver that verifies with the core verifier of its path and answers 200 or 401. */
    @BeforeEach
    void start() {
        receiver = SandboxServer.builder().build().start();
        Map<String, WebhookVerifier> verifiers = Map.of(
                "shopify", WebhookVerifier.shopify("shpss_client_secret"),
                "woocommerce", WebhookVerifier.wooCommerce("wc-secret"),
                "quickbooks", WebhookVerifier.quickBooks("intuit-verifier-token"),
                "xero", WebhookVerifier.xero("xero-webhook-key"),
                "etsy", WebhookVerifier.etsy(ETSY_SECRET, CLOCK));
        receiver.route("POST", "/hooks/{platform}", req -> {
            try {
                verifiers.get(req.pathParam("platform")).verify(WebhookHeaders.of(req.headers()), req.body());
                receivedReasons.add("OK");
                return SandboxResponse.status(200);
            } catch (WebhookVerificationException e) {
                receivedReasons.add(e.reason().name());
                return SandboxResponse.status(401);
            }
        });
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static Stream<Arguments> signers() {
        return Stream.of(
                Arguments.of("shopify", WebhookSigners.shopify("shpss_client_secret")),
                Arguments.of("woocommerce", WebhookSigners.wooCommerce("wc-secret")),
                Arguments.of("quickbooks", WebhookSigners.quickBooks("intuit-verifier-token")),
                Arguments.of("xero", WebhookSigners.xero("xero-webhook-key")),
                Arguments.of("etsy", WebhookSigners.etsy(ETSY_SECRET, CLOCK)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void signedWebhookIsDeliveredAndVerified(String platform, WebhookSigner signer) {
        SignedWebhook signed = signer.sign(BODY).withHeader("X-Test-Topic", "orders/paid");
        assertThat(delivery.deliver(receiver.baseUrl() + "/hooks/" + platform, signed)).isEqualTo(200);
        assertThat(receivedReasons).containsExactly("OK");
        assertThat(receiver.journal().entries()).singleElement()
                .satisfies(e -> assertThat(e.bodySize()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8).length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void tamperedWebhookIsRejectedWith401(String platform, WebhookSigner signer) {
        SignedWebhook tampered = signer.sign(BODY).withBody(BODY.replace("9.00", "0.09").getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.deliver(receiver.baseUrl() + "/hooks/" + platform, tampered)).isEqualTo(401);
        assertThat(receivedReasons).containsExactly("SIGNATURE_MISMATCH");
    }

    @Test
    void etsyWebhookSignedTooLongAgoIsRejectedAsStale() {
        ManualClock senderClock = ManualClock.at(CLOCK.instant().minus(Duration.ofMinutes(6)));
        SignedWebhook stale = WebhookSigners.etsy(ETSY_SECRET, senderClock).sign(BODY);
        assertThat(delivery.deliver(receiver.baseUrl() + "/hooks/etsy", stale)).isEqualTo(401);
        assertThat(receivedReasons).containsExactly("TIMESTAMP_TOO_OLD");
    }

    @Test
    void unreachableReceiverIsAConnectionException() {
        String url = receiver.baseUrl() + "/hooks/xero";
        receiver.close();
        assertThatThrownBy(() -> delivery.deliver(url, WebhookSigners.xero("k").sign(BODY)))
                .isInstanceOf(ConnectionException.class);
    }
}
