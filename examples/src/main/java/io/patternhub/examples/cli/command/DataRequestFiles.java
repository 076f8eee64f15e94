package io.patternhub.examples.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Where {@code serve} puts the exports a platform's data request (Shopify's
 * {@code customers/data_request}) produces: one JSON file per customer in a folder, for the seller to
 * send on. A failed write fails the inbox event, which is then retried.
 */
final class DataRequestFiles implements Consumer<ObjectNode> {
    private final Path folder;
    private final PrintStream out;

    DataRequestFiles(Path folder, PrintStream out) {
        this.folder = folder;
        this.out = out;
    }

    @Override
    public void accept(ObjectNode export) {
        String id = export.path("request_event_id").asText("request") + "-" + export.path("customer").path("id").asText("customer");
        Path file = folder.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        try {
            Files.createDirectories(folder);
            // written aside, then moved: whoever watches the folder never sees a half-written export
            Path part = Files.createTempFile(folder, ".export-", ".part");
            PatternHubJson.newMapper().writerWithDefaultPrettyPrinter().writeValue(part.toFile(), export);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data request export " + file, e);
        }
        out.println("privacy: data request export written to " + file + "; send it to the platform's merchant");
        out.flush();
    }
}
