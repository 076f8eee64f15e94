package io.patternhub.examples.cli;

import io.patternhub.testkit.etsy.EtsySandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the tool in-process with a given environment and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDir, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = PatternHubCli.execute(new CliContext(env, workingDir, o, e, false), args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The settings that point the tool at an Etsy sandbox's default shop with a hub database {@code hub.db} in the
     * working directory (no access token: add {@code PATTERNHUB_ETSY_ACCESS_TOKEN} where a test needs one).
     */
    static Map<String, String> etsyHubSettings(EtsySandbox etsy) {
        return Map.of("PATTERNHUB_DB", "hub.db",
                "PATTERNHUB_ETSY_BASE_URL", etsy.baseUrl(),
                "PATTERNHUB_ETSY_API_KEY", etsy.apiKey(),
                "PATTERNHUB_ETSY_SHOP_ID", String.valueOf(etsy.defaultShopId()),
                "PATTERNHUB_ETSY_TAXONOMY_ID", "2078");
    }

    /** The error output's lines that are not library log lines. */
    String errorLine() {
        return err.lines().filter(l -> l.startsWith("error:")).findFirst().orElse("");
    }
}
