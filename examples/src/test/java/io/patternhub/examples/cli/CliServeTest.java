package io.patternhub.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.examples.cli.connect.Connections;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.store.HubStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Future<Integer> exit = runner.submit(() -> PatternHubCli.execute(new CliContext(env, dir, o, e, false),
                    "serve", "--port", "0"));
            String local = awaitListening(out, exit);

            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(local + "/files/" + signed.toString().substring(FILE_BASE.length()))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(Files.readAllBytes(Path.of(file.location().orElseThrow())));
            assertThat(r.headers().firstValue("ETag")).contains("\"" + file.sha256() + "\"");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("WooCommerce file URLs on /files/");

            runner.shutdownNow(); // interrupts the command, as Ctrl-C's shutdown hook would stop it
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Stopped.");
        } finally {
            runner.shutdownNow();
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

    /** Waits (bounded) for the command's "Serving on" line and returns the address in it. */
    private static String awaitListening(ByteArrayOutputStream out, Future<Integer> exit) throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("Serving on (http://\\S+) ");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            if (exit.isDone()) {
                throw new AssertionError("serve exited early with " + exit.get() + ": " + out);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("serve did not start: " + out);
    }
}
