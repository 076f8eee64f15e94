package io.patternhub.support.helpdesk.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the incremental export stopped, and which tickets it showed that may still need an answer,
 * kept in a small JSON file replaced atomically on every save.
 */
final class ExportState {
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    private final Path file;
    private String cursor;
    private final Set<Long> candidates = new TreeSet<>();

    private ExportState(Path file) {
        this.file = file;
    }

    static ExportState load(Path file) {
        ExportState state = new ExportState(file);
        if (file != null && Files.exists(file)) {
            try {
                JsonNode root = MAPPER.readTree(file.toFile());
                JsonNode c = root.path("cursor");
                state.cursor = c.isTextual() ? c.asText() : null;
                root.path("candidates").forEach(id -> state.candidates.add(id.asLong()));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the Zendesk export state " + file + ": " + e.getMessage(),
                        ErrorContext.empty(), e);
            }
        }
        return state;
    }

    Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    void cursor(String cursor) {
        this.cursor = cursor;
    }

    Set<Long> candidates() {
        return candidates;
    }

    void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cursor", cursor);
        candidates.forEach(root.putArray("candidates")::add);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the Zendesk export state to " + file, e);
        }
    }
}
