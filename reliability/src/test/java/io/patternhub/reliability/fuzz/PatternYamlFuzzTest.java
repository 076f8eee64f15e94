package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.patternhub.core.model.Pattern;
import io.patternhub.hub.catalog.CatalogException;
import io.patternhub.hub.catalog.CatalogFolderReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The catalog's {@code pattern.yaml} reader on arbitrary descriptors, in a folder holding one real
 * file {@code a.pdf}: it returns a pattern whose files all lie inside the folder, or throws
 * {@link CatalogException}; never anything else.
 */
class PatternYamlFuzzTest {
    private static final CatalogFolderReader READER = new CatalogFolderReader();

    @FuzzTest(maxDuration = "5m")
    void patternYaml(byte[] input) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-pattern");
        try {
            Files.write(dir.resolve("pattern.yaml"), input);
            Files.write(dir.resolve("a.pdf"), "%PDF-1.7 fuzz".getBytes(StandardCharsets.US_ASCII));
            Pattern[] out = new Pattern[1];
            Throwable thrown = catchThrowable(() -> out[0] = READER.readPattern(dir));
            if (thrown == null) {
                assertThat(out[0].sku()).isNotBlank();
            } else {
                assertThat(thrown).isInstanceOf(CatalogException.class);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
