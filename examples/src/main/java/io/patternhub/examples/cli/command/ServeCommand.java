package io.patternhub.examples.cli.command;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.examples.cli.CliContext;
import io.patternhub.examples.cli.HubSession;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.HubFileServer;
import io.patternhub.hub.sync.HubFileUrls;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code patternhub serve [--port N] [--bind ADDR]}: the hub's file server until interrupted. It serves
 * the signed file URLs WooCommerce links to (on the path of {@code PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL})
 * and buyers' download links (on the path of {@code PATTERNHUB_DOWNLOAD_BASE_URL}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve pattern files: WooCommerce's signed file URLs and buyers' download links, until"
                + " interrupted (Ctrl-C).")
public final class ServeCommand extends HubCommand implements Callable<Integer> {
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
            List<StorefrontConnection> woo = wooCommerce(hub);
            try {
                if (!woo.isEmpty()) {
                    HubFileUrls urls = woo.get(0).fileUrls();
                    String base = ctx.settings().get("PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL").orElseThrow();
                    b.fileUrls(urls, path(base));
                    routes.add("WooCommerce file URLs on " + path(base) + " (" + base + ")");
                }
                Optional<DownloadLinks> links = hub.downloadLinks();
                if (links.isPresent()) {
                    String base = ctx.settings().get("PATTERNHUB_DOWNLOAD_BASE_URL").orElseThrow();
                    b.downloadLinks(links.get(), path(base));
                    routes.add("download links on " + path(base) + " (" + base + ")");
                }
                if (routes.isEmpty()) {
                    throw new ConfigurationException("Nothing to serve: set PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL (with the"
                            + " WooCommerce settings) and/or PATTERNHUB_DOWNLOAD_BASE_URL to this server's public address",
                            ErrorContext.empty());
                }
                return serve(b.start(), routes);
            } finally {
                closeAll(woo);
            }
        }
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

    /** The WooCommerce connection when its file base URL is set: its key signs the file URLs. */
    private List<StorefrontConnection> wooCommerce(HubSession hub) {
        if (ctx.settings().get("PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL").isEmpty()) {
            return List.of();
        }
        return connect(hub, List.of(Platform.WOOCOMMERCE));
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
