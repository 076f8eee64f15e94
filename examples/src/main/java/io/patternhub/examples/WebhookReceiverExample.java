package io.patternhub.examples;

import com.sun.net.httpserver.HttpServer;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Embedding example: an HTTP endpoint for Etsy's signed {@code order.paid} webhooks. The delivery is
 * verified and stored before it is acknowledged; a worker processes it afterwards. Quoted in the
 * README.
 */
public final class WebhookReceiverExample {
    private WebhookReceiverExample() {
    }

    /**
     * Starts the endpoint and the worker.
     *
     * @param store  the hub store
     * @param ingest the order ingest (with buyer access)
     * @param etsy   the Etsy storefront, built with {@code webhookSecret(...)}
     * @param port   the port to listen on
     * @return the server (stop it to shut down)
     * @throws IOException if the port cannot be opened
     */
    public static HttpServer start(HubStore store, OrderIngest ingest, Storefront etsy, int port) throws IOException {
        // README:begin webhooks
        WebhookInbox inbox = WebhookInbox.builder(store, ingest).storefront("etsy", etsy).build();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/webhooks/etsy", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            int status;
            try {
                inbox.receive("etsy", WebhookRequest.of(headers, exchange.getRequestBody().readAllBytes(), Instant.now()));
                status = 200;                                  // stored: safe to acknowledge
            } catch (WebhookVerificationException e) {
                status = 401;                                  // not signed by Etsy
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        worker.scheduleWithFixedDelay(() -> inbox.processPending(50), 1, 1, TimeUnit.SECONDS);
        // README:end webhooks
        return server;
    }
}
