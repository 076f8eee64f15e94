package io.patternhub.examples.cli;

import io.patternhub.core.model.Pattern;
import io.patternhub.hub.catalog.CatalogFolderReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo copies the sample catalog out of the jar by its INDEX: the index must list exactly its files. */
class SampleCatalogIndexTest {
    private static final Path ROOT = Path.of("src/main/resources/io/patternhub/examples/sample-catalog");

    @Test
    void indexListsEveryFileOfTheSampleCatalog() throws Exception {
        List<String> index = Files.readAllLines(ROOT.resolve("INDEX")).stream().filter(l -> !l.isBlank()).toList();
        List<String> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("INDEX")).sorted().toList();
        }
        assertThat(index).containsExactlyElementsOf(files);
    }

    @Test
    void theSampleCatalogIsValidWithAtLeastTenSewingAndKnittingPatterns() {
        List<Pattern> patterns = new CatalogFolderReader().read(ROOT);
        assertThat(patterns).hasSizeGreaterThanOrEqualTo(10);
        assertThat(patterns).extracting(p -> p.craft().name()).contains("SEWING", "KNITTING");
        assertThat(patterns.stream().mapToInt(p -> p.files().size()).sum()).isGreaterThan(patterns.size());
    }
}
