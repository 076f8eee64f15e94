package io.patternhub.hub.access;

import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.HubFileUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A running {@link HubFileServer} on an ephemeral port for file-route tests: a SQLite hub whose catalog holds
 * the given {@code TEE-01} pattern, one paid order of it (so one entitlement), signed file URLs on
 * {@code /files/} and download links on {@code /d/}, and a listener that records what the server delivered.
 */
final class FileServerFixture implements AutoCloseable {
    static final String PUBLIC_BASE = "https://files.tilly.example/files/";
    static final String SKU = "TEE-01";

    final AccessFixture hub;
    final HubFileUrls urls;
    final HubFileServer server;
    /** The entitlement the paid order gave its buyer. */
    final String entitlement;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<Download> downloaded = new CopyOnWriteArrayList<>();
    final List<Download> aborted = new CopyOnWriteArrayList<>();
    /** Counted down by the first aborted download. */
    final CountDownLatch firstAbort = new CountDownLatch(1);

    /**
     * The downloads the listener has heard of, once there are at least {@code count} (or after 20 s). The server
     * tells its listener after the last byte went out, so the client can hold the whole body a moment before.
     */
    List<Download> downloadedAtLeast(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (downloaded.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return List.copyOf(downloaded);
    }

    /**
     * @param catalog the {@code TEE-01} pattern the catalog starts with
     * @param options server settings of the test on top of the file routes, a grace and the listener
     */
    FileServerFixture(Pattern catalog, UnaryOperator<HubFileServer.Builder> options) {
        hub = new AccessFixture(Vendor.SQLITE, false, n -> { }, Provisioner.NONE, HubEventPublisher.NONE);
        try {
            new CatalogRepository(hub.store).save(catalog, CatalogRepository.SOURCE_HUB);
            hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("L-1", "paid", "2025-03-01T10:05:00Z",
                    "lin@example.com", "Lin", SKU)));
            hub.inbox.processAll();
            entitlement = hub.strings("SELECT id FROM entitlements").get(0);
            urls = HubFileUrls.signed(PUBLIC_BASE, "file-url-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII));
            server = options.apply(HubFileServer.builder(hub.store).fileUrls(urls, "/files/").downloadLinks(hub.links, "/d/")
                    .stopGrace(Duration.ofSeconds(5)).listener(new HubFileServer.Listener() {
                        @Override
                        public void downloaded(Download d) {
                            downloaded.add(d);
                        }

                        @Override
                        public void downloadAborted(Download d, Exception cause) {
                            aborted.add(d);
                            firstAbort.countDown();
                        }
                    })).start();
        } catch (RuntimeException | Error e) {
            hub.close();
            throw e;
        }
    }

    /** Saves {@code pattern} as the catalog's new state of {@code TEE-01}. */
    void save(Pattern pattern) {
        new CatalogRepository(hub.store).save(pattern, CatalogRepository.SOURCE_HUB);
    }

    /** A GET with the given header name/value pairs. */
    HttpResponse<byte[]> get(URI url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The public URL a storefront holds for {@code file}, as it arrives at this server behind a proxy. */
    URI fileUrl(PatternFile file) {
        return URI.create(server.localUri() + "/files/" + urls.urlFor(SKU, file).toString().substring(PUBLIC_BASE.length()));
    }

    /** The download link's address on this server. */
    URI local(DownloadLink link) {
        return URI.create(server.localUri() + "/d/" + link.token());
    }

    long downloads(DownloadLink link) {
        return hub.count("SELECT downloads FROM download_links WHERE id = ?", link.id());
    }

    /**
     * Requests {@code link} on a raw socket, reads the first {@code bytes} of the answer and then resets the
     * connection (not a graceful close), as a client that goes away mid-body; returns what it read.
     */
    byte[] readThenReset(DownloadLink link, int bytes) throws IOException {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /d/" + link.token() + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(bytes);
            socket.setSoLinger(true, 0);
            return start;
        }
    }

    @Override
    public void close() {
        server.close();
        hub.close();
    }

    /** A {@code TEE-01} pattern of {@code version} holding {@code files}. */
    static Pattern pattern(String version, PatternFile... files) {
        return Pattern.builder().sku(SKU).title("Tee pattern").craft(Craft.SEWING).version(version)
                .addFiles(files).build();
    }

    /** Writes {@code bytes} to {@code path} and describes them as the PDF {@code name} of {@code version}. */
    static PatternFile pdf(Path path, String name, String version, byte[] bytes) throws Exception {
        Files.write(path, bytes);
        return PatternFile.builder().name(name).mediaType("application/pdf").sizeBytes(bytes.length).sha256(sha256(bytes))
                .version(version).location(path.toUri()).build();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(Path path) throws Exception {
        try (InputStream in = Files.newInputStream(path)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
