package io.patternhub.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, usage errors (exit 2) and configuration errors (exit 1, one line, no stack trace). */
class CliUsageTest {
    @TempDir
    Path dir;

    private CliRun cli(Map<String, String> env, String... args) {
        return CliRun.run(dir, env, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "catalog", "catalog import", "sync", "orders", "orders pull", "privacy",
            "privacy export", "privacy erase"})
    void everyCommandHasHelp(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliRun run = cli(Map.of(), args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: patternhub" + (command.isEmpty() ? "" : " " + command));
        assertThat(dir.resolve("patternhub.db")).doesNotExist();
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        CliRun run = cli(Map.of());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: patternhub").contains("sync").contains("demo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "sync --platform amazon", "sync --bogus", "orders pull --since yesterday",
            "privacy export", "privacy erase --email not-an-address", "catalog import", "catalog import missing-dir",
            "catalog", "orders", "privacy", "demo --out"})
    void badArgumentsExit2WithOneErrorLineAndAHint(String command) {
        CliRun run = cli(Map.of(), command.split(" "));
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
        assertThat(run.err()).contains("--help' for usage").doesNotContain("\tat ");
    }

    @Test
    void syncWithoutCredentialsSaysWhatToSet() {
        CliRun run = cli(Map.of("PATTERNHUB_DB", "hub.db"), "sync");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("No storefront is configured").contains("PATTERNHUB_ETSY_API_KEY")
                .contains("PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY").contains("patternhub demo");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void pullFromAPlatformThatIsNotConfiguredNamesItsSettings() {
        CliRun run = cli(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_ETSY_API_KEY", "k:s", "PATTERNHUB_ETSY_SHOP_ID", "1",
                "PATTERNHUB_ETSY_ACCESS_TOKEN", "t"), "orders", "pull", "--platform", "ravelry");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("Ravelry is not configured").contains("PATTERNHUB_RAVELRY_STORE_ID");
    }

    @Test
    void partlyConfiguredPlatformsListWhatIsMissing() {
        CliRun run = cli(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_ETSY_API_KEY", "k:s"), "sync", "--dry-run");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("Etsy is only partly configured").contains("PATTERNHUB_ETSY_SHOP_ID");

        CliRun woo = cli(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY", "ck_1",
                "PATTERNHUB_WOOCOMMERCE_CONSUMER_SECRET", "cs_1"), "sync");
        assertThat(woo.exitCode()).isEqualTo(1);
        assertThat(woo.errorLine()).contains("PATTERNHUB_WOOCOMMERCE_SITE_URL");
    }

    @Test
    void aBrokenCatalogNamesTheFileAndLineAndVerboseAddsTheStackTrace() throws Exception {
        Path p = Files.createDirectories(dir.resolve("catalog/bad"));
        Files.writeString(p.resolve("pattern.yaml"), "sku: X-1\ntitle: T\nprices:\n  USD: \"1.00\"\nfiles:\n  - path: nope.pdf\n");
        CliRun run = cli(Map.of("PATTERNHUB_DB", "hub.db"), "catalog", "import", "catalog");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("pattern.yaml:").contains("nope.pdf");
        assertThat(run.err()).doesNotContain("\tat ");

        CliRun verbose = cli(Map.of("PATTERNHUB_DB", "hub.db"), "catalog", "import", "catalog", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("\tat io.patternhub.");
    }

    @Test
    void aDatabaseInAMissingFolderIsAClearError() {
        CliRun run = cli(Map.of("PATTERNHUB_DB", "no/such/folder/hub.db"), "privacy", "export", "--email", "a@b.example");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("PATTERNHUB_DB").contains("folder does not exist");
    }

    @Test
    void shopifySettingsAreValidatedToo() {
        CliRun run = cli(Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_SHOPIFY_SHOP", "tilly",
                "PATTERNHUB_SHOPIFY_ACCESS_TOKEN", "shpat_x", "PATTERNHUB_SHOPIFY_BASE_URL", "http://10.1.2.3"), "sync");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("PATTERNHUB_SHOPIFY_BASE_URL");
    }
}
