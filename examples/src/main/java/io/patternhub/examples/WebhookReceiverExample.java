package io.patternhub.examples;

import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.access.HubFileServer;
import io.patternhub.hub.access.WebhookEndpoint;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;

import java.net.InetSocketAddress;
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
     * @return the server (close it to shut down)
     */
    public static HubFileServer start(HubStore store, OrderIngest ingest, Storefront etsy, int port) {
        // README:begin webhooks
        WebhookInbox inbox = WebhookInbox.builder(store, ingest).storefront("etsy", etsy).build();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(inbox).source("etsy").build();  // 200 only once stored
        HubFileServer server = HubFileServer.builder(store)
                .webhooks(endpoint, "/webhooks/")                                         // POST /webhooks/etsy
                .bind(new InetSocketAddress(port)).start();
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        worker.scheduleWithFixedDelay(() -> inbox.processPending(50), 1, 1, TimeUnit.SECONDS);
        // README:end webhooks
        return server;
    }
}
