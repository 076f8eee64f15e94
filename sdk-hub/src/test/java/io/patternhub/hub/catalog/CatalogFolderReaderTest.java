package io.patternhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.PrintFormat;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CatalogFolderReaderTest {
    @TempDir
    Path tmp;

    private final CatalogFolderReader reader = new CatalogFolderReader();

    @Test
    void readsTheSampleCatalog() throws Exception {
        List<Pattern> patterns = reader.read(CatalogFixtures.SAMPLE);
        assertThat(patterns).hasSize(12);
        Pattern poppy = patterns.stream().filter(p -> p.sku().equals("PH-CRO-001")).findFirst().orElseThrow();
        assertThat(poppy.title()).isEqualTo("Poppy Granny Cardigan");
        assertThat(poppy.craft()).isEqualTo(Craft.CROCHET);
        assertThat(poppy.tags()).containsExactly("cardigan", "granny square", "crochet", "colorful", "retro");
        assertThat(poppy.version()).isEqualTo("1.0");
        assertThat(poppy.changeNotes()).contains("First release.");
        assertThat(poppy.prices()).containsExactlyInAnyOrder(Money.of("9.00", "USD"), Money.of("8.50", "EUR"),
                Money.of("7.50", "GBP"));
        assertThat(poppy.files()).extracting(PatternFile::name, PatternFile::printFormat)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("poppy-granny-cardigan-a4.pdf", PrintFormat.A4),
                        org.assertj.core.groups.Tuple.tuple("poppy-granny-cardigan-letter.pdf", PrintFormat.US_LETTER));
        PatternFile a4 = poppy.files().get(0);
        assertThat(a4.sizeRange()).contains("XS-3XL");
        assertThat(a4.language()).contains("en");
        Path onDisk = CatalogFixtures.SAMPLE.resolve("ph-cro-001/poppy-granny-cardigan-a4.pdf");
        assertThat(a4.sizeBytes()).isEqualTo(Files.size(onDisk));
        assertThat(a4.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(onDisk))));
        try (InputStream in = a4.openContent()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(onDisk));
        }
    }

    private Path folder(String yaml, String... files) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cat/p1"));
        Files.writeString(dir.resolve("pattern.yaml"), yaml, StandardCharsets.UTF_8);
        for (String f : files) {
            Files.writeString(dir.resolve(f), "content of " + f);
        }
        return tmp.resolve("cat");
    }

    private static final String GOOD = String.join("\n", "sku: S-1", "title: Shawl", "craft: knitting",
            "prices:", "  USD: \"4.00\"", "files:", "  - path: shawl.pdf", "    print_format: A4", "");

    @Test
    void goodMinimalDescriptorReads() throws Exception {
        Pattern p = reader.read(folder(GOOD, "shawl.pdf")).get(0);
        assertThat(p.sku()).isEqualTo("S-1");
        assertThat(p.version()).isEqualTo("1");
    }

    @Test
    void unknownKeyIsRefusedWithItsLine() throws Exception {
        Path root = folder(GOOD.replace("craft: knitting", "craft: knitting\ntitel: typo"), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root)).isInstanceOfSatisfying(CatalogException.class, e -> {
            assertThat(e.line()).hasValue(4);
            assertThat(e.getMessage()).contains("pattern.yaml:4").contains("titel");
        });
    }

    @Test
    void missingFileIsRefusedWithItsLine() throws Exception {
        Path root = folder(GOOD);
        assertThatThrownBy(() -> reader.read(root)).isInstanceOfSatisfying(CatalogException.class, e -> {
            assertThat(e.line()).hasValue(7);
            assertThat(e.getMessage()).contains("shawl.pdf").contains("does not exist");
        });
    }

    @Test
    void badPrintFormatPriceAndCraftAreRefused() throws Exception {
        Path root = folder(GOOD.replace("print_format: A4", "print_format: A3"), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root)).isInstanceOfSatisfying(CatalogException.class,
                e -> assertThat(e.getMessage()).contains(":8:").contains("A3"));
        Path root2 = folder(GOOD.replace("\"4.00\"", "\"four\""), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root2)).isInstanceOfSatisfying(CatalogException.class,
                e -> assertThat(e.getMessage()).contains(":5:").contains("four"));
        Path root3 = folder(GOOD.replace("craft: knitting", "craft: pottery"), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root3)).isInstanceOfSatisfying(CatalogException.class,
                e -> assertThat(e.getMessage()).contains(":3:").contains("pottery"));
    }

    @Test
    void missingRequiredKeyPathEscapeAndSyntaxErrorsAreRefused() throws Exception {
        Path root = folder(GOOD.replace("sku: S-1\n", ""), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root)).isInstanceOf(CatalogException.class).hasMessageContaining("sku");
        Path root2 = folder(GOOD.replace("path: shawl.pdf", "path: ../../secret.pdf"), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root2)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("leaves the pattern folder");
        Path root3 = folder(GOOD.replace("prices:", "prices: [unclosed"), "shawl.pdf");
        assertThatThrownBy(() -> reader.read(root3)).isInstanceOfSatisfying(CatalogException.class,
                e -> assertThat(e.line()).isPresent());
    }

    @Test
    void duplicateSkuAcrossFoldersIsRefused() throws Exception {
        Path root = folder(GOOD, "shawl.pdf");
        Path other = Files.createDirectories(root.resolve("p2"));
        Files.writeString(other.resolve("pattern.yaml"), GOOD);
        Files.writeString(other.resolve("shawl.pdf"), "x");
        assertThatThrownBy(() -> reader.read(root)).isInstanceOf(CatalogException.class).hasMessageContaining("S-1");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void importStoresPatternsAndFileVersions(Vendor vendor) throws Exception {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(Instant.parse("2025-01-01T00:00:00Z")))) {
            Catalog catalog = new Catalog(store);
            ImportReport first = catalog.importFolder(CatalogFixtures.SAMPLE, true);
            assertThat(first.added()).hasSize(12);
            assertThat(first.newFileVersions()).isEmpty();
            List<Pattern> stored = catalog.repository().activePatterns();
            assertThat(stored).containsExactlyInAnyOrderElementsOf(reader.read(CatalogFixtures.SAMPLE));
            ImportReport again = catalog.importFolder(CatalogFixtures.SAMPLE, true);
            assertThat(again.isNoop()).isTrue();
            assertThat(again.unchanged()).hasSize(12);
            assertThat(catalog.repository().fileVersions("PH-CRO-001")).hasSize(2);
        }
    }
}
