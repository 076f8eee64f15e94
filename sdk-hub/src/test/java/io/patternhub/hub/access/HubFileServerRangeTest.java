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
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Range requests (RFC 9110 §14) on both file routes, over real HTTP. */
@Timeout(60)
class HubFileServerRangeTest {
    private static final String PUBLIC_BASE = "https://files.tilly.example/files/";
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    private AccessFixture hub;
    private HubFileUrls urls;
    private HubFileServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Download> downloaded = new CopyOnWriteArrayList<>();
    private final CountDownLatch aborted = new CountDownLatch(1);
    private PatternFile tee;
    private byte[] teeBytes;
    private String entitlement;

    @BeforeEach
    void start() throws Exception {
        hub = new AccessFixture(Vendor.SQLITE, false, n -> { }, Provisioner.NONE, HubEventPublisher.NONE);
        teeBytes = random(SIZE, 7);
        tee = file("tee.pdf", teeBytes);
        new CatalogRepository(hub.store).save(pattern(tee), CatalogRepository.SOURCE_HUB);
        hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("L-1", "paid", "2025-03-01T10:05:00Z",
                "lin@example.com", "Lin", "TEE-01")));
        hub.inbox.processAll();
        entitlement = hub.strings("SELECT id FROM entitlements").get(0);
        urls = HubFileUrls.signed(PUBLIC_BASE, "file-url-signing-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII));
        server = HubFileServer.builder(hub.store).fileUrls(urls, "/files/").downloadLinks(hub.links, "/d/")
                .stopGrace(Duration.ofSeconds(5)).listener(new HubFileServer.Listener() {
                    @Override
                    public void downloaded(Download d) {
                        downloaded.add(d);
                    }

                    @Override
                    public void downloadAborted(Download d, Exception cause) {
                        aborted.countDown();
                    }
                }).start();
    }

    @AfterEach
    void stop() {
        server.close();
        hub.close();
    }

    @Test
    void singleRangesAre206WithTheExactSlice() throws Exception {
        URI url = fileUrl(tee);

        HttpResponse<byte[]> mid = get(url, "Range", "bytes=1000-1999");
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 1000, 2000));
        assertThat(mid.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + SIZE);
        assertThat(mid.headers().firstValueAsLong("Content-Length")).hasValue(1000);
        assertThat(mid.headers().firstValue("ETag")).contains("\"" + tee.sha256() + "\"");

        HttpResponse<byte[]> open = get(url, "Range", "bytes=299990-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 299_990, SIZE));

        HttpResponse<byte[]> suffix = get(url, "Range", "bytes=-25");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(teeBytes, SIZE - 25, SIZE));
        assertThat(suffix.headers().firstValue("Content-Range")).contains("bytes " + (SIZE - 25) + "-" + (SIZE - 1) + "/" + SIZE);

        HttpResponse<byte[]> clipped = get(url, "Range", "bytes=299000-999999999");
        assertThat(clipped.statusCode()).isEqualTo(206);
        assertThat(clipped.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 299_000, SIZE));

        HttpResponse<byte[]> longSuffix = get(url, "Range", "bytes=-999999");
        assertThat(longSuffix.statusCode()).isEqualTo(206);
        assertThat(longSuffix.body()).isEqualTo(teeBytes);
    }

    @Test
    void wholeFileAnswersAdvertiseRangesAndIgnoredRangesGetTheWholeFile() throws Exception {
        URI url = fileUrl(tee);
        HttpResponse<byte[]> plain = get(url);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Accept-Ranges")).contains("bytes");

        for (String ignored : List.of("bytes=0-9,20-29", "items=0-9", "bytes=9-0", "bytes=abc", "bytes=-")) {
            HttpResponse<byte[]> r = get(url, "Range", ignored);
            assertThat(r.statusCode()).as(ignored).isEqualTo(200);
            assertThat(r.body()).as(ignored).isEqualTo(teeBytes);
            assertThat(r.headers().firstValue("Content-Range")).as(ignored).isEmpty();
        }
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=0-9")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    }

    @Test
    void aRangePastTheEndIs416WithTheSize() throws Exception {
        for (String unsatisfiable : List.of("bytes=" + SIZE + "-", "bytes=" + SIZE + "-" + (SIZE + 10), "bytes=-0")) {
            HttpResponse<byte[]> r = get(fileUrl(tee), "Range", unsatisfiable);
            assertThat(r.statusCode()).as(unsatisfiable).isEqualTo(416);
            assertThat(r.headers().firstValue("Content-Range")).as(unsatisfiable).contains("bytes */" + SIZE);
        }
    }

    @Test
    void ifRangeWithTheETagHonoursTheRangeAndAnyOtherValidatorGetsTheWholeFile() throws Exception {
        URI url = fileUrl(tee);
        String etag = "\"" + tee.sha256() + "\"";
        HttpResponse<byte[]> same = get(url, "Range", "bytes=10-19", "If-Range", etag);
        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 10, 20));

        for (String stale : List.of("\"" + "0".repeat(64) + "\"", "W/" + etag, "Sat, 01 Mar 2025 12:00:00 GMT")) {
            HttpResponse<byte[]> r = get(url, "Range", "bytes=10-19", "If-Range", stale);
            assertThat(r.statusCode()).as(stale).isEqualTo(200);
            assertThat(r.body()).as(stale).isEqualTo(teeBytes);
        }
        // an If-Range mismatch ignores even a range that could not be satisfied
        assertThat(get(url, "Range", "bytes=" + SIZE + "-", "If-Range", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadLinkCountsOnceWhenTheRangeHoldingTheLastByteIsSentAndAUsedUpLinkRefusesRanges() throws Exception {
        DownloadLink link = hub.links.sign(entitlement, "tee.pdf", "1.0", Duration.ofDays(1), 1);
        URI url = local(link);

        HttpResponse<byte[]> first = get(url, "Range", "bytes=0-99999");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 0, 100_000));
        assertThat(get(url, "Range", "bytes=100000-199999").statusCode()).isEqualTo(206);
        assertThat(get(url, "Range", "bytes=" + SIZE + "-").statusCode()).isEqualTo(416);
        assertThat(downloads(link)).isZero();

        HttpResponse<byte[]> last = get(url, "Range", "bytes=200000-", "If-Range", "\"" + tee.sha256() + "\"");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 200_000, SIZE));
        assertThat(downloads(link)).isEqualTo(1);
        assertThat(downloaded).hasSize(1);

        HttpResponse<byte[]> again = get(url, "Range", "bytes=0-9");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("limit");
        assertThat(get(url, "Range", "bytes=-1").statusCode()).isEqualTo(403);
        assertThat(downloads(link)).isEqualTo(1);
    }

    /** A transfer cut midway gives its download back; the client resumes with a range and the link counts once. */
    @Test
    void aCutTransferResumedWithARangeCountsOnce() throws Exception {
        int bigSize = 48 * 1024 * 1024; // more than loopback buffers absorb: the server is still writing when cut
        byte[] bigBytes = random(bigSize, 11);
        PatternFile big = file("big.pdf", bigBytes);
        new CatalogRepository(hub.store).save(pattern(tee, big), CatalogRepository.SOURCE_HUB);
        DownloadLink link = hub.links.sign(entitlement, "big.pdf", "1.0", Duration.ofDays(1), 1);

        int received;
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /d/" + link.token() + " HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(256 * 1024);
            String head = new String(start, StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200 OK");
            received = start.length - (head.indexOf("\r\n\r\n") + 4);
            assertThat(Arrays.copyOfRange(start, start.length - received, start.length))
                    .isEqualTo(Arrays.copyOfRange(bigBytes, 0, received));
            socket.setSoLinger(true, 0); // reset, not a graceful close
        }
        assertThat(aborted.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(downloads(link)).isZero();

        HttpResponse<InputStream> rest = http.send(HttpRequest.newBuilder(local(link))
                .header("Range", "bytes=" + received + "-").header("If-Range", "\"" + big.sha256() + "\"").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).contains("bytes " + received + "-" + (bigSize - 1) + "/" + bigSize);
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        whole.update(bigBytes, 0, received);
        try (InputStream body = rest.body()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = body.read(buf)) > 0) {
                whole.update(buf, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(whole.digest())).isEqualTo(big.sha256());
        assertThat(downloads(link)).isEqualTo(1);
        assertThat(get(local(link), "Range", "bytes=0-0").statusCode()).isEqualTo(403);
    }

    @Test
    void aFileChangedInPlaceIsNeverServedAsARangeOfTheOldVersion() throws Exception {
        URI url = fileUrl(tee);
        Path path = tee.location().map(Path::of).orElseThrow();
        assertThat(get(url, "Range", "bytes=0-9").statusCode()).isEqualTo(206);

        // touched, same bytes: hashed again and still served
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(get(url, "Range", "bytes=0-9").body()).isEqualTo(Arrays.copyOfRange(teeBytes, 0, 10));

        // rewritten with other bytes of the same size (the write moves the modification time)
        byte[] other = teeBytes.clone();
        other[5] ^= 1;
        Files.write(path, other);
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-02T00:00:00Z")));
        HttpResponse<byte[]> r = get(url, "Range", "bytes=0-9");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("changed");

        DownloadLink link = hub.links.sign(entitlement, "tee.pdf", "1.0", Duration.ofDays(1), 1);
        assertThat(get(local(link), "Range", "bytes=-10").statusCode()).isEqualTo(404);
        assertThat(downloads(link)).isZero();
    }

    private long downloads(DownloadLink link) {
        return hub.count("SELECT downloads FROM download_links WHERE id = ?", link.id());
    }

    private HttpResponse<byte[]> get(URI url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI fileUrl(PatternFile file) {
        return URI.create(server.localUri() + "/files/"
                + urls.urlFor("TEE-01", file).toString().substring(PUBLIC_BASE.length()));
    }

    private URI local(DownloadLink link) {
        return URI.create(server.localUri() + "/d/" + link.token());
    }

    private static Pattern pattern(PatternFile... files) {
        return Pattern.builder().sku("TEE-01").title("Tee pattern").craft(Craft.SEWING).version("1.0")
                .addFiles(files).build();
    }

    private PatternFile file(String name, byte[] bytes) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return PatternFile.builder().name(name).mediaType("application/pdf").sizeBytes(bytes.length)
                .sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .version("1.0").location(path.toUri()).build();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
