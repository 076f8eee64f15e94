package io.patternhub.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.json.PatternHubJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code patternhub support index|ask|eval} against real documentation, offline. */
class CliSupportTest {
    @TempDir
    Path dir;

    @Test
    void askAnswersFromTheSampleDocumentationWithCitationsAsJson() throws Exception {
        CliRun run = CliRun.run(dir, Map.of(), "support", "ask", "--json",
                "How much fabric do I need for the Juniper Wrap Dress in size 14?");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = PatternHubJson.newMapper().readTree(run.out());
        assertThat(json.path("escalate").asBoolean()).isFalse();
        assertThat(json.path("answer").asText()).contains("3.6 m");
        assertThat(json.path("citations").get(0).path("source").asText()).isEqualTo("patterns/juniper-wrap-dress.pdf");
        assertThat(json.path("citations").get(0).path("locator").asText()).startsWith("page 2");
        assertThat(json.path("confidence").asDouble()).isBetween(0.6, 1.0);
    }

    @Test
    void aRefundRequestEscalates() throws Exception {
        CliRun run = CliRun.run(dir, Map.of(), "support", "ask", "--json", "I want a refund for the Fern sweater please");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = PatternHubJson.newMapper().readTree(run.out());
        assertThat(json.path("escalate").asBoolean()).isTrue();
        assertThat(json.has("citations")).isTrue();
    }

    @Test
    void indexThenAskUsesTheSellersOwnDocuments() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("shipping.md"), "# Posting paper patterns\n\nPrinted paper patterns are posted"
                + " within three working days by Royal Mail tracked delivery.\n");
        CliRun index = CliRun.run(dir, Map.of(), "support", "index", "docs", "--kb", "kb");
        assertThat(index.exitCode()).as(index.err()).isZero();
        assertThat(index.out()).contains("1 added");
        CliRun again = CliRun.run(dir, Map.of(), "support", "index", "docs", "--kb", "kb");
        assertThat(again.out()).contains("0 added, 0 updated, 1 unchanged");

        CliRun ask = CliRun.run(dir, Map.of(), "support", "ask", "--kb", "kb", "--json",
                "When are printed paper patterns posted?");
        JsonNode json = PatternHubJson.newMapper().readTree(ask.out());
        assertThat(json.path("answer").asText()).contains("three working days");
        assertThat(json.path("citations").get(0).path("source").asText()).isEqualTo("shipping.md");
    }

    @Test
    void evalPrintsTheRatesAndAMissingKbOrDatasetIsAUsageError() {
        CliRun eval = CliRun.run(dir, Map.of(), "support", "eval", "sample", "--split", "dev");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).containsIgnoringCase("resolution");

        assertThat(CliRun.run(dir, Map.of(), "support", "ask", "--kb", "nope", "hi").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(dir, Map.of(), "support", "eval", "missing.json").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(dir, Map.of(), "support", "ask").exitCode()).isEqualTo(2);
    }
}
