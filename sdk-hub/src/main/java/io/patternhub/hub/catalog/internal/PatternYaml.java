package io.patternhub.hub.catalog.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The shape of {@code pattern.yaml}; unknown keys are refused so a typo is caught with its line. */
public record PatternYaml(
        @JsonProperty(value = "sku", required = true) String sku,
        @JsonProperty(value = "title", required = true) String title,
        @JsonProperty("craft") String craft,
        @JsonProperty("description") String description,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("version") String version,
        @JsonProperty("change_notes") String changeNotes,
        @JsonProperty(value = "prices", required = true) Map<String, String> prices,
        @JsonProperty("images") List<String> images,
        @JsonProperty(value = "files", required = true) List<FileYaml> files) {

    /** One entry of {@code files}. */
    public record FileYaml(
            @JsonProperty(value = "path", required = true) String path,
            @JsonProperty("print_format") String printFormat,
            @JsonProperty("size_range") String sizeRange,
            @JsonProperty("language") String language,
            @JsonProperty("version") String version,
            @JsonProperty("name") String name) {
    }
}
