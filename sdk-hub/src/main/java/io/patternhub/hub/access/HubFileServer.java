package io.patternhub.hub.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.hub.access.internal.ByteRange;
import io.patternhub.hub.access.internal.FileFingerprints;
import io.patternhub.hub.access.internal.FileResponses;
import io.patternhub.hub.access.internal.StoredFile;
import io.patternhub.hub.access.internal.StoredFiles;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.HubFileUrls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own HTTP front for pattern files and storefront webhooks (the JDK's built-in HTTP server,
 * no extra dependency). Three routes, each enabled by giving what it needs:
 * <ul>
 * <li>{@code GET|HEAD <filePath><sku>/<sha256>/<name>?sig=} &mdash; the signed URLs of {@link HubFileUrls}
 * that link-only storefronts (WooCommerce) point at. It serves exactly the version the URL names, also
 * after a newer version replaced it, as long as the hub still holds its bytes: the storefront keeps
 * the old URL until the next sync replaces it, and the URL is signed, so it reveals nothing the hub
 * did not publish. Altered or foreign URL: 403. Unknown version or bytes gone: 404.</li>
 * <li>{@code GET|HEAD <downloadPath><token>} &mdash; buyers' {@link DownloadLinks}. A download counts
 * once, when every byte was handed to the network; a transfer that fails midway (the client
 * disconnected) is given back with {@link DownloadLinks#release}, so it does not use up the link.
 * {@code HEAD} and a {@code 304} answer to {@code If-None-Match} count nothing. Altered link: 403;
 * expired: 410 Gone; download limit reached or access revoked: 403 (the link will never work again,
 * so not 429, which invites a retry).</li>
 * <li>{@code POST <webhookPath><source>} &mdash; storefront webhooks, see {@link WebhookEndpoint}.</li>
 * </ul>
 * Both file routes answer a single-range {@code GET} ({@code Range: bytes=a-b}, {@code a-}, {@code -n};
 * RFC 9110 &sect;14) with {@code 206} and {@code Content-Range}, a range starting past the end with
 * {@code 416} and {@code Content-Range: bytes *}{@code /size}; an {@code If-Range} other than the ETag
 * gets the whole file ({@code 200}), and so do several ranges in one request. A range is served only
 * after the file was checked against its recorded SHA-256: the file is hashed once and the result kept
 * under its (size, modification time, inode) stamp, so a file changed in place since is hashed again and,
 * no longer matching, answered 404; the stamp is checked again before the range's last bytes go out.
 * On a download link, ranges that end before the file's last byte count nothing; the range holding the
 * last byte counts one download once it has been sent in full (so a transfer resumed with a range
 * counts once), and a used-up link refuses every range with 403.
 * Every file response carries {@code Content-Type} (by extension), {@code Content-Length}, {@code Accept-Ranges: bytes},
 * {@code Content-Disposition: attachment} with an RFC 5987 UTF-8 name, and {@code ETag} = the SHA-256.
 * Bodies are streamed through a fixed buffer and checked against the recorded SHA-256 as they go. Errors
 * are one line of plain text, never a stack trace. Requests run on a fixed pool of threads with a
 * bounded queue (overflow gets 503); {@link #close()} stops taking requests, lets running transfers
 * finish for up to the grace period, then stops. Thread-safe.
 *
 * <pre>{@code
 * try (HubFileServer server = HubFileServer.builder(store)
 *         .fileUrls(fileUrls, "/files/").downloadLinks(links, "/download/")
 *         .bind(new InetSocketAddress("0.0.0.0", 8080)).start()) {
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class HubFileServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubFileServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final StoredFiles files;
    private final FileFingerprints fingerprints = new FileFingerprints();
    private final HubFileUrls fileUrls;
    private final String filePath;
    private final DownloadLinks links;
    private final String downloadPath;
    private final WebhookEndpoint webhooks;
    private final String webhookPath;
    private final Listener listener;
    private final Duration grace;
    private final Object lock = new Object();
    private int inFlight;
    private boolean stopping;
    private boolean stopped;

    /** Hears what the server delivered, e.g. for metrics or logs. Called on request threads. */
    public interface Listener {
        /** Does nothing. */
        Listener NONE = new Listener() {
        };

        /**
         * A signed file URL was served in full.
         *
         * @param file  the file version
         * @param bytes the bytes sent
         */
        default void fileServed(HubFileUrls.FileRef file, long bytes) {
        }

        /**
         * A download link's file was delivered in full and counted.
         *
         * @param download the counted download
         */
        default void downloaded(Download download) {
        }

        /**
         * A counted download failed midway and was given back to the link.
         *
         * @param download the download, as counted before it failed
         * @param cause    why it failed
         */
        default void downloadAborted(Download download, Exception cause) {
        }
    }

    private HubFileServer(Builder b) throws IOException {
        this.files = new StoredFiles(b.store);
        this.fileUrls = b.fileUrls;
        this.filePath = b.filePath;
        this.links = b.links;
        this.downloadPath = b.downloadPath;
        this.webhooks = b.webhooks;
        this.webhookPath = b.webhookPath;
        this.listener = b.listener;
        this.grace = b.grace;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(b.threads, b.threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(b.queue), r -> new PoolThread(r, "patternhub-files-" + n.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
        this.server = HttpServer.create(b.bind, 0);
        // the dispatcher thread must never throw: when the queue is full the request runs on it only
        // to be answered 503 (see guarded)
        server.setExecutor(task -> {
            try {
                pool.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                task.run();
            }
        });
        if (fileUrls != null) {
            server.createContext(filePath, ex -> guarded(ex, e -> method(e, this::serveFile)));
        }
        if (links != null) {
            server.createContext(downloadPath, ex -> guarded(ex, e -> method(e, this::serveDownload)));
        }
        if (webhooks != null) {
            server.createContext(webhookPath, ex -> guarded(ex, webhooks::handle));
        }
        server.createContext("/", ex -> guarded(ex, e -> FileResponses.plain(e, 404, "No such file on this hub")));
    }

    /**
     * Starts a file server over a store.
     *
     * @param store the hub store (the catalog's file locations, download counts)
     * @return the builder
     */
    public static Builder builder(HubStore store) {
        return new Builder(store);
    }

    /** @return the address the server listens on (the real port when bound to port 0) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return {@code http://host:port} of this server, for local use and tests */
    public URI localUri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /**
     * Blocks until {@link #close()} was called (from another thread, e.g. a shutdown hook).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        synchronized (lock) {
            while (!stopped) {
                lock.wait();
            }
        }
    }

    /**
     * Stops: new requests get 503, running transfers get up to the grace period to finish, then the
     * socket and threads are closed. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (stopping) {
                while (!stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
            stopping = true;
            long deadline = System.nanoTime() + grace.toNanos();
            try {
                while (inFlight > 0 && System.nanoTime() < deadline) {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.stop(0);
        pool.shutdownNow();
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    /** Marks the pool's threads, so a request that overflowed onto the dispatcher thread is told 503. */
    private static final class PoolThread extends Thread {
        PoolThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    private interface Route {
        void handle(HttpExchange ex) throws IOException;
    }

    private void guarded(HttpExchange ex, Route route) throws IOException {
        try (ex) {
            synchronized (lock) {
                if (stopping) {
                    FileResponses.plain(ex, 503, "This hub is shutting down; try again in a moment");
                    return;
                }
                inFlight++;
            }
            try {
                if (Thread.currentThread() instanceof PoolThread) {
                    route.handle(ex);
                } else {
                    FileResponses.plain(ex, 503, "The hub is busy; try again in a moment");
                }
            } finally {
                synchronized (lock) {
                    inFlight--;
                    lock.notifyAll();
                }
            }
        }
    }

    private void method(HttpExchange ex, Route route) throws IOException {
        String m = ex.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            FileResponses.plain(ex, 405, "Only GET and HEAD are served here");
            return;
        }
        try {
            route.handle(ex);
        } catch (IOException e) {
            // the client went away or the file failed mid-transfer; the exchange is closed by the caller
            LOG.debug("transfer of {} failed: {}", ex.getRequestURI().getRawPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("request {} failed", ex.getRequestURI().getRawPath(), e);
            if (ex.getResponseCode() == -1) {
                FileResponses.plain(ex, 500, "The hub could not serve this file; the shop was told (see its log)");
            }
        }
    }

    private void serveFile(HttpExchange ex) throws IOException {
        String rest = ex.getRequestURI().getRawPath().substring(filePath.length());
        String query = ex.getRequestURI().getRawQuery();
        HubFileUrls.FileRef ref;
        try {
            ref = fileUrls.verify(query == null ? rest : rest + "?" + query);
        } catch (InvalidRequestException e) {
            FileResponses.plain(ex, 403, "This file link was not issued by this shop or was altered");
            return;
        }
        Optional<StoredFile> file = files.byHash(ref.sku(), ref.name(), ref.sha256());
        if (file.isEmpty()) {
            FileResponses.plain(ex, 404, "This file version is not held by this hub (any more)");
            return;
        }
        StoredFile f = file.get();
        if (FileResponses.notModified(ex.getRequestHeaders().getFirst("If-None-Match"), f)) {
            FileResponses.notModified(ex, f);
        } else if (ex.getRequestMethod().equals("HEAD")) {
            FileResponses.head(ex, f);
        } else {
            ByteRange.Selection sel = range(ex, f);
            if (sel.outcome() == ByteRange.Outcome.WHOLE) {
                FileResponses.stream(ex, f);
                listener.fileServed(ref, f.sizeBytes());
            } else if (sel.outcome() == ByteRange.Outcome.UNSATISFIABLE) {
                FileResponses.unsatisfiable(ex, f);
            } else {
                Optional<FileFingerprints.Stamp> stamp = fingerprints.verified(f);
                if (stamp.isEmpty()) {
                    changed(ex);
                    return;
                }
                FileResponses.streamRange(ex, f, sel.range(), stamp.get());
            }
        }
    }

    /** Range only applies to GET (RFC 9110 §14.2); the callers answer HEAD before asking. */
    private static ByteRange.Selection range(HttpExchange ex, StoredFile f) {
        return ByteRange.select(ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("If-Range"),
                FileResponses.etagOf(f), f.sizeBytes());
    }

    private static void changed(HttpExchange ex) throws IOException {
        FileResponses.plain(ex, 404, "This file version is not held by this hub (any more): its file was changed"
                + " since it was imported");
    }

    private void serveDownload(HttpExchange ex) throws IOException {
        String token = ex.getRequestURI().getRawPath().substring(downloadPath.length());
        Download peek;
        try {
            peek = links.check(token);
        } catch (DownloadLinkException e) {
            refuse(ex, e);
            return;
        }
        Optional<StoredFile> file = files.byVersion(peek.sku(), peek.fileName(), peek.fileVersion());
        if (file.isEmpty()) {
            FileResponses.plain(ex, 404, "The file of this download link is not held by this hub (any more);"
                    + " ask the shop for a fresh link");
            return;
        }
        StoredFile f = file.get();
        if (FileResponses.notModified(ex.getRequestHeaders().getFirst("If-None-Match"), f)) {
            FileResponses.notModified(ex, f);
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            FileResponses.head(ex, f);
            return;
        }
        ByteRange.Selection sel = range(ex, f);
        if (sel.outcome() == ByteRange.Outcome.UNSATISFIABLE) {
            FileResponses.unsatisfiable(ex, f);
            return;
        }
        FileFingerprints.Stamp stamp = null;
        if (sel.outcome() == ByteRange.Outcome.PARTIAL) {
            Optional<FileFingerprints.Stamp> verified = fingerprints.verified(f);
            if (verified.isEmpty()) {
                changed(ex);
                return;
            }
            stamp = verified.get();
            if (!sel.range().reachesEnd(f.sizeBytes())) {
                // a part before the end counts nothing: the download counts with the range holding the last byte
                FileResponses.streamRange(ex, f, sel.range(), stamp);
                return;
            }
        }
        Download counted;
        try {
            counted = links.verify(token);
        } catch (DownloadLinkException e) {
            refuse(ex, e);
            return;
        }
        try {
            if (stamp == null) {
                FileResponses.stream(ex, f);
            } else {
                FileResponses.streamRange(ex, f, sel.range(), stamp);
            }
        } catch (IOException | RuntimeException e) {
            links.release(counted);
            listener.downloadAborted(counted, e);
            throw e;
        }
        listener.downloaded(counted);
    }

    private static void refuse(HttpExchange ex, DownloadLinkException e) throws IOException {
        int status = e.reason() == DownloadLinkException.Reason.EXPIRED ? 410 : 403;
        FileResponses.plain(ex, status, e.getMessage());
    }

    /** Configures and starts a {@link HubFileServer}. */
    public static final class Builder {
        private final HubStore store;
        private HubFileUrls fileUrls;
        private String filePath = "/files/";
        private DownloadLinks links;
        private String downloadPath = "/download/";
        private WebhookEndpoint webhooks;
        private String webhookPath = "/webhooks/";
        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private int threads = 8;
        private int queue = 64;
        private Duration grace = Duration.ofSeconds(10);
        private Listener listener = Listener.NONE;

        private Builder(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Serves the signed file URLs of link-only storefronts.
         *
         * @param urls the signer the storefront's URLs were made with
         * @param path the path they arrive on, e.g. {@code /files/} (the path of the URLs' base URL)
         * @return this builder
         */
        public Builder fileUrls(HubFileUrls urls, String path) {
            this.fileUrls = Objects.requireNonNull(urls, "urls");
            this.filePath = prefix(path);
            return this;
        }

        /**
         * Serves buyers' download links.
         *
         * @param links the link service
         * @param path  the path they arrive on, e.g. {@code /download/} (the path of the links' base URL)
         * @return this builder
         */
        public Builder downloadLinks(DownloadLinks links, String path) {
            this.links = Objects.requireNonNull(links, "links");
            this.downloadPath = prefix(path);
            return this;
        }

        /**
         * Receives storefront webhooks: {@code POST <path><source>} for each source of the endpoint.
         *
         * @param endpoint the endpoint in front of the hub's inbox
         * @param path     the path deliveries arrive on, e.g. {@code /webhooks/}
         * @return this builder
         */
        public Builder webhooks(WebhookEndpoint endpoint, String path) {
            this.webhooks = Objects.requireNonNull(endpoint, "endpoint");
            this.webhookPath = prefix(path);
            return this;
        }

        /**
         * Where to listen (default: loopback, a free port).
         *
         * @param address the address; port 0 picks a free one
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Requests served at once (default 8) and waiting at most (default 64); more get 503.
         *
         * @param threads at least 1
         * @param queue   at least 1
         * @return this builder
         */
        public Builder threads(int threads, int queue) {
            if (threads < 1 || queue < 1) {
                throw new ConfigurationException("The file server needs at least one thread and one queue slot",
                        ErrorContext.empty());
            }
            this.threads = threads;
            this.queue = queue;
            return this;
        }

        /**
         * How long {@link HubFileServer#close()} lets running transfers finish (default 10 s).
         *
         * @param grace zero or more
         * @return this builder
         */
        public Builder stopGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new ConfigurationException("The stop grace period must be zero or more", ErrorContext.empty());
            }
            this.grace = grace;
            return this;
        }

        /**
         * @param listener hears deliveries
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Opens the socket and starts serving.
         *
         * @return the running server
         * @throws ConfigurationException if no route is configured or two routes overlap
         * @throws ConnectionException if the address cannot be bound
         */
        public HubFileServer start() {
            java.util.Map<String, String> routes = new java.util.LinkedHashMap<>();
            if (fileUrls != null) {
                routes.put("file path", filePath);
            }
            if (links != null) {
                routes.put("download path", downloadPath);
            }
            if (webhooks != null) {
                routes.put("webhook path", webhookPath);
            }
            if (routes.isEmpty()) {
                throw new ConfigurationException("The hub server needs fileUrls(...), downloadLinks(...) or webhooks(...)",
                        ErrorContext.empty());
            }
            for (var a : routes.entrySet()) {
                for (var b : routes.entrySet()) {
                    if (!a.getKey().equals(b.getKey()) && a.getValue().startsWith(b.getValue())) {
                        throw new ConfigurationException("The " + a.getKey() + " " + a.getValue() + " and the " + b.getKey()
                                + " " + b.getValue() + " must not overlap", ErrorContext.empty());
                    }
                }
            }
            try {
                HubFileServer s = new HubFileServer(this);
                s.server.start();
                return s;
            } catch (IOException e) {
                throw new ConnectionException("Cannot listen on " + bind + ": " + e.getMessage()
                        + "; pick another --port or --bind", ErrorContext.empty(), e);
            }
        }

        private static String prefix(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.equals("/")) {
                throw new ConfigurationException("A route path must start with / and name a folder, e.g. /files/, was "
                        + path, ErrorContext.empty());
            }
            return path.endsWith("/") ? path : path + "/";
        }
    }
}
