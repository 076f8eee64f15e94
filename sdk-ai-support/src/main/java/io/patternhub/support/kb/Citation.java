package io.patternhub.support.kb;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a passage comes from: the document, and the page (PDFs) or section heading (Markdown, HTML).
 *
 * @param documentId the document's id in the knowledge base (its path relative to the ingested root)
 * @param title the document's title
 * @param page the 1-based page number, or 0 when the document has no pages
 * @param section the heading path of the section ("Sizing &gt; Finished measurements"), or empty
 */
public record Citation(String documentId, String title, int page, String section) {

    public Citation {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(section, "section");
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 (none) or positive, was " + page);
        }
    }

    /** The page number when the document is paged. */
    public OptionalInt pageNumber() {
        return page == 0 ? OptionalInt.empty() : OptionalInt.of(page);
    }

    /** A short human-readable reference, e.g. {@code "Juniper Wrap Dress instructions (juniper.pdf), page 3"}. */
    public String label() {
        StringBuilder sb = new StringBuilder(title).append(" (").append(documentId).append(')');
        if (page > 0) {
            sb.append(", page ").append(page);
        }
        if (!section.isEmpty()) {
            sb.append(page > 0 ? ", " : ", section ").append('"').append(section).append('"');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return label();
    }
}
