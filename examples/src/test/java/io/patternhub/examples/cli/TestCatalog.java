package io.patternhub.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies a few patterns of the sample catalog into a folder, as a seller's catalog. */
final class TestCatalog {
    private static final String ROOT = "/io/patternhub/examples/sample-catalog/";

    private TestCatalog() {
    }

    /**
     * @param dir     the target folder
     * @param folders pattern folders of the sample, e.g. {@code ph-sew-004}
     * @return {@code dir}
     */
    static Path write(Path dir, String... folders) throws IOException {
        List<String> index;
        try (InputStream in = TestCatalog.class.getResourceAsStream(ROOT + "INDEX")) {
            index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        for (String folder : folders) {
            for (String entry : index) {
                if (entry.startsWith(folder + "/")) {
                    Path target = dir.resolve(entry);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = TestCatalog.class.getResourceAsStream(ROOT + entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return dir;
    }
}
