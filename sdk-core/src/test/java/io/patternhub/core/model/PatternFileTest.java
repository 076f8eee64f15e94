package io.patternhub.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternFileTest {

    @TempDir
    Path dir;

    @Test
    void fromPathComputesKnownSha256AndSize() throws Exception {
        Path pdf = Files.writeString(dir.resolve("tee-A4.PDF"), "abc", StandardCharsets.US_ASCII);
        PatternFile file = PatternFile.fromPath(pdf).printFormat(PrintFormat.A4).sizeRange("XS-4XL").build();
        assertThat(file.sha256()).isEqualTo(Fixtures.SHA_ABC);
        assertThat(file.sizeBytes()).isEqualTo(3);
        assertThat(file.name()).isEqualTo("tee-A4.PDF");
        assertThat(file.mediaType()).isEqualTo("application/pdf");
        assertThat(file.location()).contains(pdf.toUri());
        try (InputStream in = file.openContent()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        }
    }

    @Test
    void emptyFileHasTheEmptyDigest() throws Exception {
        Path empty = Files.createFile(dir.resolve("notes.txt"));
        PatternFile file = PatternFile.fromPath(empty).build();
        assertThat(file.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(file.sizeBytes()).isZero();
        assertThat(file.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void contentIsStreamedInSmallChunksNeverReadWhole() throws Exception {
        long size = 24L * 1024 * 1024 + 7; // 24 MiB and a bit: far more than one chunk
        AtomicInteger opens = new AtomicInteger();
        GeneratedStream[] last = new GeneratedStream[1];
        FileContent content = FileContent.ofSupplier(() -> {
            opens.incrementAndGet();
            last[0] = new GeneratedStream(size);
            return last[0];
        });

        PatternFile file = PatternFile.fromContent("big.zip", content).build();

        assertThat(opens).hasValue(1);
        assertThat(file.sizeBytes()).isEqualTo(size);
        assertThat(file.mediaType()).isEqualTo("application/zip");
        assertThat(last[0].largestRead).isLessThanOrEqualTo(PatternFile.STREAM_CHUNK_BYTES);
        assertThat(last[0].closed).isTrue();
        // The digest matches one computed independently over the same bytes.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new GeneratedStream(size)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) != -1; ) {
                sha.update(buf, 0, n);
            }
        }
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void fileWithoutContentOrFileLocationCannotBeOpened() {
        PatternFile remote = Fixtures.patternFile();
        assertThatThrownBy(remote::openContent).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no content");
    }

    @Test
    void fileReadFromJsonOpensFromItsFileLocation() throws Exception {
        Path pdf = Files.writeString(dir.resolve("a.pdf"), "abc");
        PatternFile original = PatternFile.fromPath(pdf).build();
        var mapper = io.patternhub.core.json.PatternHubJson.newMapper();
        PatternFile read = mapper.readValue(mapper.writeValueAsString(original), PatternFile.class);
        assertThat(read.content()).isEmpty();
        try (InputStream in = read.openContent()) {
            assertThat(in.readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void missingPathIsATypedError() {
        assertThatThrownBy(() -> PatternFile.fromPath(dir.resolve("nope.pdf")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("nope.pdf");
        assertThatThrownBy(() -> PatternFile.fromPath(dir)).isInstanceOf(InvalidModelException.class);
    }

    /** Deterministic pseudo-random bytes generated on the fly; refuses whole-content reads. */
    private static final class GeneratedStream extends InputStream {
        private final long size;
        private long position;
        int largestRead;
        boolean closed;

        GeneratedStream(long size) {
            this.size = size;
        }

        private byte byteAt(long i) {
            return (byte) ((i * 31 + (i >>> 9)) & 0xff);
        }

        @Override
        public int read() {
            return position < size ? byteAt(position++) & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largestRead = Math.max(largestRead, len);
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = byteAt(position++);
            }
            return n;
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            throw new IOException("content must be streamed, not read whole");
        }

        @Override
        public byte[] readNBytes(int len) throws IOException {
            throw new IOException("content must be streamed, not read whole");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
