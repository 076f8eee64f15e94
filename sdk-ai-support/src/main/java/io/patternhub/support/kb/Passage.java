package io.patternhub.support.kb;

import java.util.Objects;

/**
 * One retrievable chunk of a document: text that never crosses a page or section boundary.
 *
 * @param id a stable id: the document id, {@code #}, and the chunk's position in the document
 * @param citation where the text comes from
 * @param text the chunk's plain text
 */
public record Passage(String id, Citation citation, String text) {

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(text, "text");
    }

    /** The id of the document this passage belongs to. */
    public String documentId() {
        return citation.documentId();
    }
}
