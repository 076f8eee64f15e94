package io.patternhub.reliability.postgres;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.hub.access.BuyerAccess;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.GenericOrderWebhook;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.StoreFileCatalog;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub instance as a deployment would run it: its own {@link HubStore} (own connection pool) over the
 * shared database, its own order ingest with {@link BuyerAccess} and a recording handler, its own inbox
 * and catalog sync (own lease owner), a real HTTP webhook endpoint (200 once stored, 401 when not
 * authentic) and inbox worker threads.
 */
final class HubInstance implements AutoCloseable {
    static final String SOURCE = "my-site";
    private static final Logger LOG = LoggerFactory.getLogger(HubInstance.class);
    private static final byte[] LINK_KEY = "pg-storm-link-key-of-32-bytes!!!".getBytes(StandardCharsets.US_ASCII);

    final String name;
    final HubStore store;
    final OrderIngest ingest;
    final WebhookInbox inbox;
    final CatalogSync sync;
    final AtomicInteger answered200 = new AtomicInteger();
    final AtomicInteger answered401 = new AtomicInteger();
    final AtomicInteger answeredOther = new AtomicInteger();
    final AtomicInteger stored = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger processed = new AtomicInteger();
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService endpointThreads;
    private final ExecutorService workers;
    private final List<Future<?>> workerLoops = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    HubInstance(String name, DataSource database, Clock clock, SideEffects effects, List<SyncTarget> targets) {
        this.name = name;
        this.clock = clock;
        this.store = HubStore.builder().dataSource(database).clock(clock).poolSize(8).build();
        DownloadLinks links = DownloadLinks.builder(store).secret(LINK_KEY).baseUrl("https://shop.example/d/").build();
        BuyerNotifications notifications = BuyerNotifications.builder(store).notifier(effects.notifier()).links(links)
                .catalog(new StoreFileCatalog(store)).shopName("Storm Patterns").build();
        // A short retry backoff: a failed row would come back quickly and the test's attempt counts show it.
        this.ingest = OrderIngest.builder(store).owner(name).retryBackoff(Duration.ofMillis(100))
                .handler(new BuyerAccess(store, notifications, effects.provisioner(), HubEventPublisher.NONE))
                .handler(effects.recorder(name)).build();
        this.inbox = WebhookInbox.builder(store, ingest).owner(name).retryBackoff(Duration.ofMillis(100))
                .source(SOURCE, new GenericOrderWebhook(StormPlan.SECRET, clock)).build();
        CatalogSync.Builder sb = CatalogSync.builder(store).owner(name).workersPerStorefront(3);
        targets.forEach(sb::target);
        this.sync = sb.build();
        this.endpointThreads = Executors.newFixedThreadPool(4);
        this.workers = Executors.newCachedThreadPool();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/" + SOURCE, this::receive);
        server.setExecutor(endpointThreads);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/" + SOURCE);
    }

    /** Starts {@code count} inbox workers, each claiming up to 50 events at a time until stopped. */
    void startInboxWorkers(int count) {
        for (int i = 0; i < count; i++) {
            workerLoops.add(workers.submit(() -> {
                while (!stopping.get()) {
                    int n = inbox.processPending(50);
                    processed.addAndGet(n);
                    if (n == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // idle: poll again shortly
                    }
                }
                return null;
            }));
        }
    }

    /** Stops the workers after their current round and rethrows what any of them died of. */
    void stopInboxWorkers() throws Exception {
        stopping.set(true);
        for (Future<?> loop : workerLoops) {
            loop.get(60, TimeUnit.SECONDS);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        int status;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            try {
                InboxReceipt receipt = inbox.receive(SOURCE, WebhookRequest.of(headers, body, clock.instant()));
                stored.addAndGet(receipt.stored());
                duplicates.addAndGet(receipt.duplicates());
                status = 200;
                answered200.incrementAndGet();
            } catch (WebhookVerificationException e) {
                status = 401;
                answered401.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.error("{}: delivery failed", name, e);
                status = 500;
                answeredOther.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        stopping.set(true);
        server.stop(0);
        endpointThreads.shutdownNow();
        workers.shutdownNow();
        store.close();
    }
}
