package io.patternhub.support.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled set of support questions. JSON format:
 * {@code {"name": "...", "cases": [{"id", "question", "facts": [...], "sources": [...], "shouldEscalate", "split"}]}}.
 *
 * @param name the dataset's name
 * @param cases the questions
 */
public record EvalDataset(String name, List<EvalCase> cases) {

    @JsonCreator
    public EvalDataset(@JsonProperty("name") String name, @JsonProperty("cases") List<EvalCase> cases) {
        this.name = name == null ? "unnamed" : name;
        this.cases = cases == null ? List.of() : List.copyOf(cases);
        Set<String> ids = new HashSet<>();
        for (EvalCase c : this.cases) {
            if (!ids.add(c.id())) {
                throw new InvalidRequestException("Duplicate case id " + c.id(), ErrorContext.empty());
            }
        }
    }

    /** Reads a dataset from JSON. */
    public static EvalDataset read(InputStream json) {
        ObjectMapper mapper = PatternHubJson.newMapper();
        try (json) {
            return mapper.readValue(json, EvalDataset.class);
        } catch (IOException e) {
            throw new InvalidRequestException("Not a valid evaluation dataset: " + e.getMessage(), ErrorContext.empty(), e);
        }
    }

    /** Reads a dataset from a JSON file. */
    public static EvalDataset read(Path file) {
        try {
            return read(Files.newInputStream(file));
        } catch (IOException e) {
            throw new InvalidRequestException("Cannot open dataset " + file + ": " + e.getMessage(), ErrorContext.empty(), e);
        }
    }

    /** Only the cases of one split ({@code dev} or {@code test}). */
    public EvalDataset split(String split) {
        return new EvalDataset(name + " [" + split + "]", cases.stream().filter(c -> c.split().equals(split)).toList());
    }
}
