package io.patternhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.HubFileUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file server over real HTTP: a running server on an ephemeral port, the JDK's HttpClient. */
@Timeout(60)
class HubFileServerTest {
    private static final String PUBLIC_BASE = "https://files.tilly.example/files/";
    private static final String NAME = "Tee – Größe A4.pdf";

    @TempDir
    Path dir;

    private AccessFixture hub;
    private HubFileUrls urls;
    private HubFileServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Download> downloaded = new CopyOnWriteArrayList<>();
    private final List<Download> aborted = new CopyOnWriteArrayList<>();
    private final CountDownLatch abortedLatch = new CountDownLatch(1);
    private PatternFile teeV1;
    private String entitlement;

    @BeforeEach
    void start() throws Exception {
        hub = new AccessFixture(Vendor.SQLITE, false, n -> { }, Provisioner.NONE, HubEventPublisher.NONE);
        teeV1 = file(NAME, "1.0", 5 * 1024 * 1024, 1);
        new CatalogRepository(hub.store).save(pattern("1.0", teeV1), CatalogRepository.SOURCE_HUB);
        hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("L-1", "paid", "2025-03-01T10:05:00Z",
                "lin@example.com", "Lin", "TEE-01")));
        hub.inbox.processAll();
        entitlement = hub.strings("SELECT id FROM entitlements").get(0);
        urls = HubFileUrls.signed(PUBLIC_BASE, "file-url-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII));
        server = HubFileServer.builder(hub.store).fileUrls(urls, "/files/").downloadLinks(hub.links, "/d/")
                .threads(4, 32).stopGrace(Duration.ofSeconds(5)).listener(new HubFileServer.Listener() {
                    @Override
                    public void downloaded(Download d) {
                        downloaded.add(d);
                    }

                    @Override
                    public void downloadAborted(Download d, Exception cause) {
                        aborted.add(d);
                        abortedLatch.countDown();
                    }
                }).start();
    }

    @AfterEach
    void stop() {
        server.close();
        hub.close();
    }

    @Test
    void signedFileUrlDownloadsByteIdenticalWithHeaders() throws Exception {
        HttpResponse<byte[]> r = get(local(urls.urlFor("TEE-01", teeV1)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Files.readAllBytes(teeV1.location().map(Path::of).orElseThrow()));
        assertThat(sha256(r.body())).isEqualTo(teeV1.sha256());
        assertThat(r.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(5 * 1024 * 1024);
        assertThat(r.headers().firstValue("ETag")).contains("\"" + teeV1.sha256() + "\"");
        assertThat(r.headers().firstValue("Content-Disposition")).contains(
                "attachment; filename=\"Tee _ Gr__e A4.pdf\"; filename*=UTF-8''Tee%20%E2%80%93%20Gr%C3%B6%C3%9Fe%20A4.pdf");
    }

    @Test
    void headAndConditionalRequestsSendNoBody() throws Exception {
        URI url = local(urls.urlFor("TEE-01", teeV1));
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(5 * 1024 * 1024);

        HttpResponse<byte[]> same = http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + teeV1.sha256() + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        HttpResponse<byte[]> other = http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + "0".repeat(64) + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).hasSize(5 * 1024 * 1024);
    }

    @Test
    void alteredUrlsAreForbiddenAndUnknownVersionsNotFound() throws Exception {
        URI good = local(urls.urlFor("TEE-01", teeV1));
        String s = good.toString();
        String sig = s.substring(s.indexOf("?sig=") + 5);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        assertThat(get(URI.create(s.replace(sig, flipped))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(s.replace("TEE-01", "SOCK-02"))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(s.replace(teeV1.sha256(), "f".repeat(64)))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(s.substring(0, s.indexOf("?sig="))))).extracting(HttpResponse::statusCode).isEqualTo(403);

        // signed by the hub, but no such version was ever recorded
        PatternFile unknown = PatternFile.builder().from(teeV1).sha256("e".repeat(64)).build();
        HttpResponse<byte[]> r = get(local(urls.urlFor("TEE-01", unknown)));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("Exception").contains("not held");
        assertThat(get(URI.create(server.localUri() + "/elsewhere")).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(good).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void aSupersededVersionIsServedWhileItsBytesExistButAFileChangedInPlaceIsNot() throws Exception {
        PatternFile v2 = file(NAME, "2.0", 1000, 2);
        new CatalogRepository(hub.store).save(pattern("2.0", v2), CatalogRepository.SOURCE_HUB);

        HttpResponse<byte[]> old = get(local(urls.urlFor("TEE-01", teeV1)));
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(sha256(old.body())).isEqualTo(teeV1.sha256());
        assertThat(sha256(get(local(urls.urlFor("TEE-01", v2))).body())).isEqualTo(v2.sha256());

        // the seller deleted the old file: its URL stops working, cleanly
        Files.delete(teeV1.location().map(Path::of).orElseThrow());
        assertThat(get(local(urls.urlFor("TEE-01", teeV1))).statusCode()).isEqualTo(404);
        // the seller overwrote v2 in place with other bytes of the same size: never served as v2
        Path v2Path = v2.location().map(Path::of).orElseThrow();
        byte[] other = Files.readAllBytes(v2Path);
        other[500] ^= 1;
        Files.write(v2Path, other);
        URI v2Url = local(urls.urlFor("TEE-01", v2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(v2Url)).isInstanceOf(IOException.class);
    }

    @Test
    void aDownloadLinkDownloadsAndCountsOnceEachTimeUpToItsLimit() throws Exception {
        DownloadLink link = hub.links.sign(entitlement, NAME, "1.0", Duration.ofDays(1), 2);
        URI url = local(link);

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(downloads(link)).isZero();

        HttpResponse<byte[]> first = get(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(sha256(first.body())).isEqualTo(teeV1.sha256());
        assertThat(first.headers().firstValue("ETag")).contains("\"" + teeV1.sha256() + "\"");
        assertThat(downloads(link)).isEqualTo(1);

        HttpResponse<byte[]> cached = http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + teeV1.sha256() + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(downloads(link)).isEqualTo(1);

        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(downloads(link)).isEqualTo(2);
        HttpResponse<byte[]> third = get(url);
        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("limit");
        assertThat(downloads(link)).isEqualTo(2);
        assertThat(downloaded).hasSize(2);
    }

    @Test
    void expiredAndAlteredLinksAreRefused() throws Exception {
        DownloadLink link = hub.links.sign(entitlement, NAME, "1.0", Duration.ofHours(1), 5);
        String[] p = link.token().split("\\.");
        URI more = URI.create(server.localUri() + "/d/" + p[0] + "." + p[1] + ".99." + p[3]);
        assertThat(get(more).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(server.localUri() + "/d/garbage")).statusCode()).isEqualTo(403);

        hub.clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> expired = get(local(link));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
        assertThat(downloads(link)).isZero();
    }

    @Test
    void concurrentDownloadsOfOneLinkNeverExceedItsLimit() throws Exception {
        PatternFile small = file("tee-small.pdf", "1.0", 200_000, 3);
        new CatalogRepository(hub.store).save(pattern("1.0", teeV1, small), CatalogRepository.SOURCE_HUB);
        DownloadLink link = hub.links.sign(entitlement, "tee-small.pdf", "1.0", Duration.ofDays(1), 3);
        URI url = local(link);
        int clients = 20;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<byte[]>>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return get(url);
                }));
            }
            go.countDown();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            for (Future<HttpResponse<byte[]>> f : calls) {
                HttpResponse<byte[]> r = f.get(30, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    assertThat(sha256(r.body())).isEqualTo(small.sha256());
                    ok.incrementAndGet();
                } else {
                    assertThat(r.statusCode()).isEqualTo(403);
                    refused.incrementAndGet();
                }
            }
            assertThat(ok).hasValue(3);
            assertThat(refused).hasValue(clients - 3);
            assertThat(downloads(link)).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A client that goes away mid-body has not downloaded the file: the link keeps its download. */
    @Test
    void aClientThatDisconnectsMidBodyDoesNotUseUpTheLink() throws Exception {
        // larger than what loopback socket buffers can absorb, so the server is still writing when the client leaves
        Path big = dir.resolve("big.pdf");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(48L * 1024 * 1024);
        }
        PatternFile bigFile = PatternFile.builder().name("big.pdf").mediaType("application/pdf").sizeBytes(Files.size(big))
                .sha256(sha256(big)).version("1.0").location(big.toUri()).build();
        new CatalogRepository(hub.store).save(pattern("1.0", teeV1, bigFile), CatalogRepository.SOURCE_HUB);
        DownloadLink link = hub.links.sign(entitlement, "big.pdf", "1.0", Duration.ofDays(1), 1);

        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /d/" + link.token() + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(64 * 1024);
            assertThat(new String(start, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
            socket.setSoLinger(true, 0); // reset, not a graceful close
        }
        assertThat(abortedLatch.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(aborted).extracting(Download::linkId).containsExactly(link.id());
        assertThat(downloads(link)).isZero();

        HttpResponse<InputStream> whole = http.send(HttpRequest.newBuilder(local(link)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(whole.statusCode()).isEqualTo(200);
        try (InputStream body = whole.body()) {
            assertThat(sha256(body)).isEqualTo(bigFile.sha256());
        }
        assertThat(downloads(link)).isEqualTo(1);
        assertThat(get(local(link)).statusCode()).isEqualTo(403);
    }

    @Test
    void closeStopsListening() throws Exception {
        URI url = local(urls.urlFor("TEE-01", teeV1));
        assertThat(get(url).statusCode()).isEqualTo(200);
        server.close();
        server.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(url)).isInstanceOf(IOException.class);
    }

    private long downloads(DownloadLink link) {
        return hub.count("SELECT downloads FROM download_links WHERE id = ?", link.id());
    }

    private HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The public URL a storefront holds, as it arrives at this server behind a proxy. */
    private URI local(URI publicUrl) {
        return URI.create(server.localUri() + "/files/" + publicUrl.toString().substring(PUBLIC_BASE.length()));
    }

    private URI local(DownloadLink link) {
        return URI.create(server.localUri() + "/d/" + link.token());
    }

    private Pattern pattern(String version, PatternFile... files) {
        return Pattern.builder().sku("TEE-01").title("Tee pattern").craft(Craft.SEWING).version(version)
                .addFiles(files).build();
    }

    private PatternFile file(String name, String version, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path path = dir.resolve("v" + version + "-" + seed + ".pdf");
        Files.write(path, bytes);
        return PatternFile.builder().name(name).mediaType("application/pdf").sizeBytes(size).sha256(sha256(bytes))
                .version(version).location(path.toUri()).build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256(Path path) throws Exception {
        try (InputStream in = Files.newInputStream(path)) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
