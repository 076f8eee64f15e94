package io.patternhub.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.examples.cli.connect.Connections;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.store.HubStore;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CliServeTest {
    private static final String FILE_BASE = "https://hub.tilly.example/files/";

    @TempDir
    Path dir;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATTERNHUB_DB", "hub.db");
        env.put("PATTERNHUB_WOOCOMMERCE_SITE_URL", "https://shop.tilly.example");
        env.put("PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY", "ck_test");
        env.put("PATTERNHUB_WOOCOMMERCE_CONSUMER_SECRET", "cs_test");
        env.put("PATTERNHUB_WOOCOMMERCE_FILE_BASE_URL", FILE_BASE);
        return env;
    }

    @Test
    void serveStartsServesAnImportedFileAtItsSignedWooCommerceUrlAndStops() throws Exception {
        Map<String, String> env = env();
        assertThat(CliRun.run(dir, env, "catalog", "import", TestCatalog.write(dir.resolve("catalog"), "ph-sew-004")
                .toString()).exitCode()).isZero();
        Pattern pattern;
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            pattern = new CatalogRepository(store).activePatterns().get(0);
        }
        PatternFile file = pattern.files().get(0);
        URI signed;
        List<StorefrontConnection> woo = Connections.storefronts(new CliContext(env, dir, System.out, System.err, false)
                .settings(), () -> null, List.of(Platform.WOOCOMMERCE));
        try {
            signed = woo.get(0).fileUrls().urlFor(pattern.sku(), file);
        } finally {
            woo.forEach(StorefrontConnection::close);
        }
        assertThat(signed.toString()).startsWith(FILE_BASE);

        try (ServeRun serve = ServeRun.start(dir, env)) {
            HttpResponse<byte[]> r = serve.get("/files/" + signed.toString().substring(FILE_BASE.length()));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(Files.readAllBytes(Path.of(file.location().orElseThrow())));
            assertThat(r.headers().firstValue("ETag")).contains("\"" + file.sha256() + "\"");
            assertThat(serve.output()).contains("WooCommerce file URLs on /files/");

            assertThat(serve.stop(Duration.ofSeconds(20))).isZero();
            assertThat(serve.output()).contains("Stopped.");
        }
    }

    @Test
    void serveWithNothingToServeSaysWhatToSet() {
        CliRun run = CliRun.run(dir, Map.of("PATTERNHUB_DB", "hub.db"), "serve", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.errorLine()).contains("Nothing to serve").contains("PATTERNHUB_DOWNLOAD_BASE_URL");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun run = CliRun.run(dir, env(), "serve", "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.USAGE);
        assertThat(run.errorLine()).contains("--port");
    }
}
