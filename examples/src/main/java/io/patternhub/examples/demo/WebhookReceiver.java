package io.patternhub.examples.demo;

import io.patternhub.hub.access.HubFileServer;
import io.patternhub.hub.access.WebhookEndpoint;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's local webhook endpoint: the hub's own {@link WebhookEndpoint} on a {@link HubFileServer}
 * bound to a free loopback port ({@code POST /webhooks/{source}}), with counts for the report.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HubFileServer server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    /**
     * Starts listening on a free loopback port.
     *
     * @param store   the hub store
     * @param inbox   the hub's inbox
     * @param sources the inbox sources to accept, e.g. {@code etsy}
     * @param clock   stamps the receive time
     */
    public WebhookReceiver(HubStore store, WebhookInbox inbox, Collection<String> sources, Clock clock) {
        WebhookEndpoint.Builder endpoint = WebhookEndpoint.builder(inbox).clock(clock).listener(new WebhookEndpoint.Listener() {
            @Override
            public void stored(String source, InboxReceipt receipt) {
                accepted.incrementAndGet();
            }

            @Override
            public void refused(String source, int status, String reason) {
                rejected.incrementAndGet();
            }
        });
        sources.forEach(endpoint::source);
        this.server = HubFileServer.builder(store).webhooks(endpoint.build(), "/webhooks/").start();
    }

    /**
     * @param source the inbox source, e.g. {@code etsy}
     * @return the URL to subscribe
     */
    public String url(String source) {
        return server.localUri() + "/webhooks/" + source;
    }

    /** @return deliveries stored and acknowledged */
    public int accepted() {
        return accepted.get();
    }

    /** @return deliveries refused (bad signature, unknown source, malformed) */
    public int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
