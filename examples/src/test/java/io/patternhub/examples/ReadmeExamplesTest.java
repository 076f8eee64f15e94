package io.patternhub.examples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README quotes the compiled examples word for word (between the README markers in the sources). */
class ReadmeExamplesTest {

    @ParameterizedTest
    @CsvSource({"SyncCatalogExample, sync", "EtsyOrdersExample, orders", "WebhookReceiverExample, webhooks"})
    void readmeQuotesTheCompiledExample(String type, String name) throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/patternhub/examples/" + type + ".java"));
        Matcher m = Pattern.compile("// README:begin " + name + "\\R(.*?)\\R\\s*// README:end " + name, Pattern.DOTALL)
                .matcher(source);
        assertThat(m.find()).as("markers in " + type).isTrue();
        String[] lines = m.group(1).split("\\R");
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder snippet = new StringBuilder();
        for (String l : lines) {
            snippet.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("```java\n" + snippet + "```");
    }
}
