package io.patternhub.hub.access;

import static io.patternhub.hub.access.FileServerFixture.pattern;
import static io.patternhub.hub.access.FileServerFixture.pdf;
import static io.patternhub.hub.access.FileServerFixture.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.PatternFile;
import java.io.InputStream;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Range requests (RFC 9110 §14) on both file routes, over real HTTP. */
@Timeout(60)
class HubFileServerRangeTest {
    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    private FileServerFixture files;
    private PatternFile tee;
    private byte[] teeBytes;

    @BeforeEach
    void start() throws Exception {
        teeBytes = random(SIZE, 7);
        tee = file("tee.pdf", teeBytes);
        files = new FileServerFixture(pattern("1.0", tee), b -> b);
    }

    @AfterEach
    void stop() {
        files.close();
    }

    @Test
    void singleRangesAre206WithTheExactSlice() throws Exception {
        URI url = files.fileUrl(tee);

        HttpResponse<byte[]> mid = files.get(url, "Range", "bytes=1000-1999");
        assertThat(mid.statusCode()).isEqualTo(206);
        assertThat(mid.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 1000, 2000));
        assertThat(mid.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + SIZE);
        assertThat(mid.headers().firstValueAsLong("Content-Length")).hasValue(1000);
        assertThat(mid.headers().firstValue("ETag")).contains("\"" + tee.sha256() + "\"");

        HttpResponse<byte[]> open = files.get(url, "Range", "bytes=299990-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 299_990, SIZE));

        HttpResponse<byte[]> suffix = files.get(url, "Range", "bytes=-25");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(teeBytes, SIZE - 25, SIZE));
        assertThat(suffix.headers().firstValue("Content-Range")).contains("bytes " + (SIZE - 25) + "-" + (SIZE - 1) + "/" + SIZE);

        HttpResponse<byte[]> clipped = files.get(url, "Range", "bytes=299000-999999999");
        assertThat(clipped.statusCode()).isEqualTo(206);
        assertThat(clipped.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 299_000, SIZE));

        HttpResponse<byte[]> longSuffix = files.get(url, "Range", "bytes=-999999");
        assertThat(longSuffix.statusCode()).isEqualTo(206);
        assertThat(longSuffix.body()).isEqualTo(teeBytes);
    }

    @Test
    void wholeFileAnswersAdvertiseRangesAndIgnoredRangesGetTheWholeFile() throws Exception {
        URI url = files.fileUrl(tee);
        HttpResponse<byte[]> plain = files.get(url);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Accept-Ranges")).contains("bytes");

        for (String ignored : List.of("bytes=0-9,20-29", "items=0-9", "bytes=9-0", "bytes=abc", "bytes=-")) {
            HttpResponse<byte[]> r = files.get(url, "Range", ignored);
            assertThat(r.statusCode()).as(ignored).isEqualTo(200);
            assertThat(r.body()).as(ignored).isEqualTo(teeBytes);
            assertThat(r.headers().firstValue("Content-Range")).as(ignored).isEmpty();
        }
        HttpResponse<byte[]> head = files.http.send(HttpRequest.newBuilder(url).header("Range", "bytes=0-9")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    }

    @Test
    void aRangePastTheEndIs416WithTheSize() throws Exception {
        for (String unsatisfiable : List.of("bytes=" + SIZE + "-", "bytes=" + SIZE + "-" + (SIZE + 10), "bytes=-0")) {
            HttpResponse<byte[]> r = files.get(files.fileUrl(tee), "Range", unsatisfiable);
            assertThat(r.statusCode()).as(unsatisfiable).isEqualTo(416);
            assertThat(r.headers().firstValue("Content-Range")).as(unsatisfiable).contains("bytes */" + SIZE);
        }
    }

    @Test
    void ifRangeWithTheETagHonoursTheRangeAndAnyOtherValidatorGetsTheWholeFile() throws Exception {
        URI url = files.fileUrl(tee);
        String etag = "\"" + tee.sha256() + "\"";
        HttpResponse<byte[]> same = files.get(url, "Range", "bytes=10-19", "If-Range", etag);
        assertThat(same.statusCode()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 10, 20));

        for (String stale : List.of("\"" + "0".repeat(64) + "\"", "W/" + etag, "Sat, 01 Mar 2025 12:00:00 GMT")) {
            HttpResponse<byte[]> r = files.get(url, "Range", "bytes=10-19", "If-Range", stale);
            assertThat(r.statusCode()).as(stale).isEqualTo(200);
            assertThat(r.body()).as(stale).isEqualTo(teeBytes);
        }
        // an If-Range mismatch ignores even a range that could not be satisfied
        assertThat(files.get(url, "Range", "bytes=" + SIZE + "-", "If-Range", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadLinkCountsOnceWhenTheRangeHoldingTheLastByteIsSentAndAUsedUpLinkRefusesRanges() throws Exception {
        DownloadLink link = files.hub.links.sign(files.entitlement, "tee.pdf", "1.0", Duration.ofDays(1), 1);
        URI url = files.local(link);

        HttpResponse<byte[]> first = files.get(url, "Range", "bytes=0-99999");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 0, 100_000));
        assertThat(files.get(url, "Range", "bytes=100000-199999").statusCode()).isEqualTo(206);
        assertThat(files.get(url, "Range", "bytes=" + SIZE + "-").statusCode()).isEqualTo(416);
        assertThat(files.downloads(link)).isZero();

        HttpResponse<byte[]> last = files.get(url, "Range", "bytes=200000-", "If-Range", "\"" + tee.sha256() + "\"");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.body()).isEqualTo(Arrays.copyOfRange(teeBytes, 200_000, SIZE));
        assertThat(files.downloads(link)).isEqualTo(1);
        assertThat(files.downloadedAtLeast(1)).hasSize(1);

        HttpResponse<byte[]> again = files.get(url, "Range", "bytes=0-9");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(new String(again.body(), StandardCharsets.UTF_8)).contains("limit");
        assertThat(files.get(url, "Range", "bytes=-1").statusCode()).isEqualTo(403);
        assertThat(files.downloads(link)).isEqualTo(1);
    }

    /** A transfer cut midway gives its download back; the client resumes with a range and the link counts once. */
    @Test
    void aCutTransferResumedWithARangeCountsOnce() throws Exception {
        int bigSize = 48 * 1024 * 1024; // more than loopback buffers absorb: the server is still writing when cut
        byte[] bigBytes = random(bigSize, 11);
        PatternFile big = file("big.pdf", bigBytes);
        files.save(pattern("1.0", tee, big));
        DownloadLink link = files.hub.links.sign(files.entitlement, "big.pdf", "1.0", Duration.ofDays(1), 1);

        byte[] start = files.readThenReset(link, 256 * 1024);
        String head = new String(start, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 200 OK");
        int received = start.length - (head.indexOf("\r\n\r\n") + 4);
        assertThat(Arrays.copyOfRange(start, start.length - received, start.length))
                .isEqualTo(Arrays.copyOfRange(bigBytes, 0, received));
        assertThat(files.firstAbort.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(files.downloads(link)).isZero();

        HttpResponse<InputStream> rest = files.http.send(HttpRequest.newBuilder(files.local(link))
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
        assertThat(files.downloads(link)).isEqualTo(1);
        assertThat(files.get(files.local(link), "Range", "bytes=0-0").statusCode()).isEqualTo(403);
    }

    @Test
    void aFileChangedInPlaceIsNeverServedAsARangeOfTheOldVersion() throws Exception {
        URI url = files.fileUrl(tee);
        Path path = tee.location().map(Path::of).orElseThrow();
        assertThat(files.get(url, "Range", "bytes=0-9").statusCode()).isEqualTo(206);

        // touched, same bytes: hashed again and still served
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(files.get(url, "Range", "bytes=0-9").body()).isEqualTo(Arrays.copyOfRange(teeBytes, 0, 10));

        // rewritten with other bytes of the same size (the write moves the modification time)
        byte[] other = teeBytes.clone();
        other[5] ^= 1;
        Files.write(path, other);
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2030-01-02T00:00:00Z")));
        HttpResponse<byte[]> r = files.get(url, "Range", "bytes=0-9");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("changed");

        DownloadLink link = files.hub.links.sign(files.entitlement, "tee.pdf", "1.0", Duration.ofDays(1), 1);
        assertThat(files.get(files.local(link), "Range", "bytes=-10").statusCode()).isEqualTo(404);
        assertThat(files.downloads(link)).isZero();
    }

    private PatternFile file(String name, byte[] bytes) throws Exception {
        return pdf(dir.resolve(name), name, "1.0", bytes);
    }
}
