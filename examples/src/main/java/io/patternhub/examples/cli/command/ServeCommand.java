package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.HubFileServer;
import io.patternhub.hub.access.WebhookEndpoint;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.privacy.PrivacyService;
import io.patternhub.hub.sync.HubFileUrls;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code patternhub serve [--port N] [--bind ADDR]}: the hub's HTTP server until interrupted. It serves
 * the signed file URLs WooCommerce links to (on the path of {@code PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL}),
 * buyers' download links (on the path of {@code PATTERNHUB_DOWNLOAD_BASE_URL}), and receives the
 * webhooks of every storefront configured with a webhook secret on {@code POST /webhooks/<platform>},
 * processing them in the background.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve pattern files (WooCommerce's signed file URLs, buyers' download links) and receive"
                + " storefront webhooks (POST /webhooks/etsy|shopify|woocommerce), until interrupted (Ctrl-C).")
public final class ServeCommand extends HubCommand implements Callable<Integer> {
    /** Where webhooks arrive: {@code /webhooks/etsy}, {@code /webhooks/shopify}, {@code /webhooks/woocommerce}. */
    static final String WEBHOOK_PATH = "/webhooks/";
    /** The setting that holds each platform's webhook signing secret. */
    private static final Map<Platform, String> WEBHOOK_SECRETS = Map.of(
            Platform.ETSY, "PATTERNHUB_ETSY_WEBHOOK_SECRET",
            Platform.SHOPIFY, "PATTERNHUB_SHOPIFY_CLIENT_SECRET",
            Platform.WOOCOMMERCE, "PATTERNHUB_WOOCOMMERCE_WEBHOOK_SECRET");
    private static final Duration SWEEP = Duration.ofSeconds(5);

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, for a reverse proxy in front;"
                    + " 0.0.0.0 for every interface).")
    private String bind;

    public ServeCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        try (HubSession hub = openHub()) {
            HubFileServer.Builder b = HubFileServer.builder(hub.store()).bind(new InetSocketAddress(bind, port));
            List<String> routes = new ArrayList<>();
            List<Platform> wanted = platforms();
            // an empty list would mean "every configured storefront" to connect(...)
            List<StorefrontConnection> connections = wanted.isEmpty() ? List.of() : connect(hub, wanted);
            InboxWorker worker = null;
            try {
                Optional<StorefrontConnection> woo = connections.stream()
                        .filter(c -> c.platform() == Platform.WOOCOMMERCE).findFirst();
                Optional<String> fileBase = ctx.settings().get("PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL");
                if (woo.isPresent() && fileBase.isPresent()) {
                    HubFileUrls urls = woo.get().fileUrls();
                    b.fileUrls(urls, path(fileBase.get()));
                    routes.add("WooCommerce file URLs on " + path(fileBase.get()) + " (" + fileBase.get() + ")");
                }
                Optional<DownloadLinks> links = hub.downloadLinks();
                if (links.isPresent()) {
                    String base = ctx.settings().get("PATTERNHUB_DOWNLOAD_BASE_URL").orElseThrow();
                    b.downloadLinks(links.get(), path(base));
                    routes.add("download links on " + path(base) + " (" + base + ")");
                }
                List<StorefrontConnection> webhookSources = connections.stream()
                        .filter(c -> ctx.settings().get(WEBHOOK_SECRETS.get(c.platform())).isPresent()).toList();
                if (!webhookSources.isEmpty()) {
                    WebhookInbox inbox = inbox(hub, webhookSources);
                    worker = new InboxWorker(inbox, ctx.out(), SWEEP);
                    b.webhooks(endpoint(inbox, webhookSources, worker), WEBHOOK_PATH);
                    webhookSources.forEach(c -> routes.add(c.platform().displayName() + " webhooks on POST "
                            + WEBHOOK_PATH + c.id()));
                }
                if (routes.isEmpty()) {
                    throw new ConfigurationException("Nothing to serve: set PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL (with the"
                            + " WooCommerce settings), PATTERNHUB_DOWNLOAD_BASE_URL to this server's public address,"
                            + " and/or a storefront's webhook secret (" + String.join(", ", WEBHOOK_SECRETS.values()) + ")",
                            ErrorContext.empty());
                }
                return serve(b.start(), routes);
            } finally {
                if (worker != null) {
                    worker.close();
                }
                closeAll(connections);
            }
        }
    }

    /** The storefronts serve needs: WooCommerce for its file URLs, and every one with a webhook secret. */
    private List<Platform> platforms() {
        List<Platform> wanted = new ArrayList<>();
        for (Platform p : List.of(Platform.ETSY, Platform.SHOPIFY, Platform.WOOCOMMERCE)) {
            boolean files = p == Platform.WOOCOMMERCE
                    && ctx.settings().get("PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL").isPresent();
            if (files || ctx.settings().get(WEBHOOK_SECRETS.get(p)).isPresent()) {
                wanted.add(p);
            }
        }
        return wanted;
    }

    /** The inbox over the storefronts (Etsy's receipts are fetched through its client); privacy requests handled. */
    private WebhookInbox inbox(HubSession hub, List<StorefrontConnection> sources) {
        PrivacyService privacy = new PrivacyService(hub.store(), new DataRequestFiles(ctx.resolve("privacy-requests"),
                ctx.out()));
        WebhookInbox.Builder inbox = WebhookInbox.builder(hub.store(), hub.ingest()).onPrivacyEvent(privacy::handle);
        sources.forEach(c -> inbox.storefront(c.id(), c.storefront()));
        return inbox.build();
    }

    private static WebhookEndpoint endpoint(WebhookInbox inbox, List<StorefrontConnection> sources, InboxWorker worker) {
        WebhookEndpoint.Builder endpoint = WebhookEndpoint.builder(inbox).listener(new WebhookEndpoint.Listener() {
            @Override
            public void stored(String source, InboxReceipt receipt) {
                if (receipt.stored() > 0) {
                    worker.nudge();
                }
            }
        });
        sources.forEach(c -> endpoint.source(c.id()));
        return endpoint.build();
    }

    private int serve(HubFileServer server, List<String> routes) throws InterruptedException {
        Thread hook = new Thread(server::close, "patternhub-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (server) {
            ctx.out().println("Serving on " + server.localUri() + " (Ctrl-C stops):");
            routes.forEach(r -> ctx.out().println("  " + r));
            ctx.out().flush();
            server.awaitStop();
        } catch (InterruptedException e) {
            // interrupted (embedded use, tests): stop like Ctrl-C does
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping and the hook is running: nothing to remove
            }
        }
        ctx.out().println("Stopped.");
        return 0;
    }

    private static String path(String baseUrl) {
        String p = URI.create(baseUrl).getPath();
        if (p == null || p.isEmpty() || p.equals("/")) {
            throw new ConfigurationException(baseUrl + " has no path; give the file and download base URLs a folder,"
                    + " e.g. https://hub.example.com/files/ and https://hub.example.com/download/", ErrorContext.empty());
        }
        return p.endsWith("/") ? p : p + "/";
    }
}
