package io.patternhub.support.kb.internal;

import java.util.List;

/**
 * A document's title and sections, in reading order.
 *
 * @param title the title found in the document, or empty
 * @param sections the sections, in order
 */
public record ExtractedDocument(String title, List<Section> sections) {
    public ExtractedDocument {
        sections = List.copyOf(sections);
    }
}
