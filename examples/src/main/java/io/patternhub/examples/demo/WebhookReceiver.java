package io.patternhub.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.ingest.WebhookInbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook endpoint (the JDK's HTTP server on loopback): {@code POST /webhooks/{source}} hands
 * the delivery to the hub's {@link WebhookInbox}, which verifies and stores it, and only then answers
 * 200; a bad signature gets 401, an unknown source 404.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final WebhookInbox inbox;
    private final Clock clock;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    /**
     * Starts listening on a free loopback port.
     *
     * @param inbox the hub's inbox
     * @param clock stamps the receive time
     * @throws IOException if no port can be opened
     */
    public WebhookReceiver(WebhookInbox inbox, Clock clock) throws IOException {
        this.inbox = inbox;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks/", this::handle);
        server.start();
    }

    /**
     * @param source the inbox source, e.g. {@code etsy}
     * @return the URL to subscribe
     */
    public String url(String source) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/" + source;
    }

    /** @return deliveries stored and acknowledged */
    public int accepted() {
        return accepted.get();
    }

    /** @return deliveries refused (bad signature, unknown source) */
    public int rejected() {
        return rejected.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                respond(ex, 405);
                return;
            }
            String source = ex.getRequestURI().getPath().substring("/webhooks/".length());
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), String.join(",", h.getValue()));
            }
            try {
                inbox.receive(source, WebhookRequest.of(headers, body, clock.instant()));
                accepted.incrementAndGet();
                respond(ex, 200);
            } catch (WebhookVerificationException e) {
                rejected.incrementAndGet();
                respond(ex, 401);
            } catch (io.patternhub.core.error.ConfigurationException e) {
                rejected.incrementAndGet();
                respond(ex, 404);
            }
        }
    }

    private static void respond(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        try (OutputStream ignored = ex.getResponseBody()) {
            // no body
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
