package io.patternhub.hub.access;

import static io.patternhub.hub.access.FileServerFixture.pattern;
import static io.patternhub.hub.access.FileServerFixture.pdf;
import static io.patternhub.hub.access.FileServerFixture.random;
import static io.patternhub.hub.access.FileServerFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.PatternFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final String NAME = "Tee – Größe A4.pdf";

    @TempDir
    Path dir;

    private FileServerFixture files;
    private PatternFile teeV1;

    @BeforeEach
    void start() throws Exception {
        teeV1 = file(NAME, "1.0", 5 * 1024 * 1024, 1);
        files = new FileServerFixture(pattern("1.0", teeV1), b -> b.threads(4, 32));
    }

    @AfterEach
    void stop() {
        files.close();
    }

    @Test
    void signedFileUrlDownloadsByteIdenticalWithHeaders() throws Exception {
        HttpResponse<byte[]> r = files.get(files.fileUrl(teeV1));

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
        URI url = files.fileUrl(teeV1);
        HttpResponse<byte[]> head = files.http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(5 * 1024 * 1024);

        HttpResponse<byte[]> same = files.http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + teeV1.sha256() + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        HttpResponse<byte[]> other = files.http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + "0".repeat(64) + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).hasSize(5 * 1024 * 1024);
    }

    @Test
    void alteredUrlsAreForbiddenAndUnknownVersionsNotFound() throws Exception {
        URI good = files.fileUrl(teeV1);
        String s = good.toString();
        String sig = s.substring(s.indexOf("?sig=") + 5);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        assertThat(files.get(URI.create(s.replace(sig, flipped))).statusCode()).isEqualTo(403);
        assertThat(files.get(URI.create(s.replace("TEE-01", "SOCK-02"))).statusCode()).isEqualTo(403);
        assertThat(files.get(URI.create(s.replace(teeV1.sha256(), "f".repeat(64)))).statusCode()).isEqualTo(403);
        assertThat(files.get(URI.create(s.substring(0, s.indexOf("?sig="))))).extracting(HttpResponse::statusCode).isEqualTo(403);

        // signed by the hub, but no such version was ever recorded
        PatternFile unknown = PatternFile.builder().from(teeV1).sha256("e".repeat(64)).build();
        HttpResponse<byte[]> r = files.get(files.fileUrl(unknown));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("Exception").contains("not held");
        assertThat(files.get(URI.create(files.server.localUri() + "/elsewhere")).statusCode()).isEqualTo(404);
        HttpResponse<String> post = files.http.send(HttpRequest.newBuilder(good).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void aSupersededVersionIsServedWhileItsBytesExistButAFileChangedInPlaceIsNot() throws Exception {
        PatternFile v2 = file(NAME, "2.0", 1000, 2);
        files.save(pattern("2.0", v2));

        HttpResponse<byte[]> old = files.get(files.fileUrl(teeV1));
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(sha256(old.body())).isEqualTo(teeV1.sha256());
        assertThat(sha256(files.get(files.fileUrl(v2)).body())).isEqualTo(v2.sha256());

        // the seller deleted the old file: its URL stops working, cleanly
        Files.delete(teeV1.location().map(Path::of).orElseThrow());
        assertThat(files.get(files.fileUrl(teeV1)).statusCode()).isEqualTo(404);
        // the seller overwrote v2 in place with other bytes of the same size: never served as v2
        Path v2Path = v2.location().map(Path::of).orElseThrow();
        byte[] other = Files.readAllBytes(v2Path);
        other[500] ^= 1;
        Files.write(v2Path, other);
        URI v2Url = files.fileUrl(v2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.get(v2Url)).isInstanceOf(IOException.class);
    }

    @Test
    void aDownloadLinkDownloadsAndCountsOnceEachTimeUpToItsLimit() throws Exception {
        DownloadLink link = files.hub.links.sign(files.entitlement, NAME, "1.0", Duration.ofDays(1), 2);
        URI url = files.local(link);

        HttpResponse<byte[]> head = files.http.send(HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(files.downloads(link)).isZero();

        HttpResponse<byte[]> first = files.get(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(sha256(first.body())).isEqualTo(teeV1.sha256());
        assertThat(first.headers().firstValue("ETag")).contains("\"" + teeV1.sha256() + "\"");
        assertThat(files.downloads(link)).isEqualTo(1);

        HttpResponse<byte[]> cached = files.http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"" + teeV1.sha256() + "\"")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(files.downloads(link)).isEqualTo(1);

        assertThat(files.get(url).statusCode()).isEqualTo(200);
        assertThat(files.downloads(link)).isEqualTo(2);
        HttpResponse<byte[]> third = files.get(url);
        assertThat(third.statusCode()).isEqualTo(403);
        assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("limit");
        assertThat(files.downloads(link)).isEqualTo(2);
        assertThat(files.downloadedAtLeast(2)).hasSize(2);
    }

    @Test
    void expiredAndAlteredLinksAreRefused() throws Exception {
        DownloadLink link = files.hub.links.sign(files.entitlement, NAME, "1.0", Duration.ofHours(1), 5);
        String[] p = link.token().split("\\.");
        URI more = URI.create(files.server.localUri() + "/d/" + p[0] + "." + p[1] + ".99." + p[3]);
        assertThat(files.get(more).statusCode()).isEqualTo(403);
        assertThat(files.get(URI.create(files.server.localUri() + "/d/garbage")).statusCode()).isEqualTo(403);

        files.hub.clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> expired = files.get(files.local(link));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
        assertThat(files.downloads(link)).isZero();
    }

    @Test
    void concurrentDownloadsOfOneLinkNeverExceedItsLimit() throws Exception {
        PatternFile small = file("tee-small.pdf", "1.0", 200_000, 3);
        files.save(pattern("1.0", teeV1, small));
        DownloadLink link = files.hub.links.sign(files.entitlement, "tee-small.pdf", "1.0", Duration.ofDays(1), 3);
        URI url = files.local(link);
        int clients = 20;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<byte[]>>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return files.get(url);
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
            assertThat(files.downloads(link)).isEqualTo(3);
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
        files.save(pattern("1.0", teeV1, bigFile));
        DownloadLink link = files.hub.links.sign(files.entitlement, "big.pdf", "1.0", Duration.ofDays(1), 1);

        byte[] start = files.readThenReset(link, 64 * 1024);
        assertThat(new String(start, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(files.firstAbort.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(files.aborted).extracting(Download::linkId).containsExactly(link.id());
        assertThat(files.downloads(link)).isZero();

        HttpResponse<InputStream> whole = files.http.send(HttpRequest.newBuilder(files.local(link)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(whole.statusCode()).isEqualTo(200);
        try (InputStream body = whole.body()) {
            assertThat(sha256(body)).isEqualTo(bigFile.sha256());
        }
        assertThat(files.downloads(link)).isEqualTo(1);
        assertThat(files.get(files.local(link)).statusCode()).isEqualTo(403);
    }

    @Test
    void closeStopsListening() throws Exception {
        URI url = files.fileUrl(teeV1);
        assertThat(files.get(url).statusCode()).isEqualTo(200);
        files.server.close();
        files.server.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.get(url)).isInstanceOf(IOException.class);
    }

    private PatternFile file(String name, String version, int size, long seed) throws Exception {
        return pdf(dir.resolve("v" + version + "-" + seed + ".pdf"), name, version, random(size, seed));
    }
}
