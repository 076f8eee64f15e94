package io.patternhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.Vendor;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook route over real HTTP: a running hub server, the JDK's HttpClient, the hub's inbox on SQLite. */
@Timeout(60)
class WebhookEndpointTest {
    private static final int CAP = 4096;

    private AccessFixture hub;
    private HubFileServer server;
    private WebhookInbox inbox;
    private final AtomicInteger platformCalls = new AtomicInteger();
    private final List<InboxReceipt> stored = new CopyOnWriteArrayList<>();
    private final List<Integer> refused = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        hub = new AccessFixture(Vendor.SQLITE, n -> { }, Provisioner.NONE, HubEventPublisher.NONE);
        inbox = WebhookInbox.builder(hub.store, hub.ingest)
                .source("site", new GenericOrderWebhook(AccessFixture.SECRET, hub.clock))
                .source("etsy-down", request -> {
                    // like Etsy's parser when fetching the receipt fails after the signature verified
                    platformCalls.incrementAndGet();
                    throw new ConnectionException("openapi.etsy.com unreachable", ErrorContext.empty());
                })
                .build();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(inbox).source("site").source("etsy-down").source("unwired")
                .maxBodyBytes(CAP).clock(hub.clock).listener(new WebhookEndpoint.Listener() {
                    @Override
                    public void stored(String source, InboxReceipt receipt) {
                        stored.add(receipt);
                    }

                    @Override
                    public void refused(String source, int status, String reason) {
                        refused.add(status);
                    }
                }).build();
        server = HubFileServer.builder(hub.store).webhooks(endpoint, "/webhooks/").start();
    }

    @AfterEach
    void stop() {
        server.close();
        hub.close();
    }

    @Test
    void aSignedDeliveryIsStoredBeforeThe200AndBecomesAnOrderWhenProcessed() throws Exception {
        WebhookRequest d = hub.delivery("msg-1", AccessFixture.orderJson("A-1", "paid", "2025-03-01T10:05:00Z",
                "ann@example.com", "Ann", "TEE-01"));

        HttpResponse<String> r = post("site", d);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"stored\":1,\"duplicates\":0}");
        assertThat(inbox.pendingCount()).isEqualTo(1);
        assertThat(stored).containsExactly(new InboxReceipt(1, 0));
        assertThat(hub.count("SELECT COUNT(*) FROM orders")).isZero();

        assertThat(inbox.processAll()).isEqualTo(1);
        assertThat(hub.strings("SELECT external_id FROM orders")).containsExactly("A-1");
        assertThat(hub.count("SELECT COUNT(*) FROM entitlements")).isEqualTo(1);
    }

    @Test
    void aRedeliveryAnswers200AndStoresNothingNew() throws Exception {
        WebhookRequest d = hub.delivery("msg-2", AccessFixture.orderJson("A-2", "paid", "2025-03-01T10:05:00Z",
                "bo@example.com", "Bo", "SOCK-02"));
        assertThat(post("site", d).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("site", d);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"stored\":0,\"duplicates\":1}");
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(1);
    }

    @Test
    void aForgedDeliveryIs401AndNothingIsStored() throws Exception {
        WebhookRequest d = hub.delivery("msg-3", AccessFixture.orderJson("A-3", "paid", "2025-03-01T10:05:00Z",
                "cy@example.com", "Cy", "TEE-01"));
        byte[] tampered = d.bodyAsString().replace("6.00", "0.01").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = post("site", d.toBuilder().body(tampered).build());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("signature");
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
        assertThat(refused).containsExactly(401);
    }

    @Test
    void aSignedButMalformedBodyIs400() throws Exception {
        HttpResponse<String> r = post("site", hub.delivery("msg-4", "{\"order_id\": \"A-4\"}"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("malformed").contains("currency");
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
    }

    @Test
    void aBodyOverTheCapIs413AndIsNotStored() throws Exception {
        String big = AccessFixture.orderJson("A-5", "paid", "2025-03-01T10:05:00Z", "di@example.com",
                "D".repeat(CAP), "TEE-01");

        HttpResponse<String> r = post("site", hub.delivery("msg-5", big));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedWithoutReadingTheBody() throws Exception {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/site HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1073741824\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
    }

    @Test
    void otherMethodsAre405AndUnknownSourcesAre404() throws Exception {
        URI site = URI.create(server.localUri() + "/webhooks/site");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(site).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(site).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);

        WebhookRequest d = hub.delivery("msg-6", AccessFixture.orderJson("A-6", "paid", "2025-03-01T10:05:00Z",
                "ed@example.com", "Ed", "TEE-01"));
        assertThat(post("ravelry", d).statusCode()).isEqualTo(404);
        assertThat(post("", d).statusCode()).isEqualTo(404);
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
    }

    @Test
    void aPlatformFailureWhileParsingIs503SoThePlatformRedelivers() throws Exception {
        HttpResponse<String> r = post("etsy-down", hub.delivery("msg-7", "{}"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("60");
        assertThat(platformCalls).hasValue(1);
        assertThat(hub.count("SELECT COUNT(*) FROM webhook_inbox")).isZero();
    }

    @Test
    void aSourceTheInboxDoesNotKnowIsAServerError() throws Exception {
        HttpResponse<String> r = post("unwired", hub.delivery("msg-8", "{}"));

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void theWebhookPathMayNotOverlapAFileRoute() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(inbox).source("site").build();
        assertThatThrownBy(() -> HubFileServer.builder(hub.store).downloadLinks(hub.links, "/hub/")
                .webhooks(endpoint, "/hub/webhooks/").start())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> WebhookEndpoint.builder(inbox).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookEndpoint.builder(inbox).source("Bad Name")).isInstanceOf(ConfigurationException.class);
    }

    private HttpResponse<String> post(String source, WebhookRequest d) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.localUri() + "/webhooks/" + source))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
                .header("Content-Type", "application/json");
        d.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
