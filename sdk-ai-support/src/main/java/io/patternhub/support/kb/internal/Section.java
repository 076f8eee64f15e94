package io.patternhub.support.kb.internal;

/**
 * A run of text under one heading on one page, as read from a document.
 *
 * @param heading the heading path, or empty
 * @param page the 1-based page, or 0 for unpaged documents
 * @param text the section's plain text, paragraphs separated by blank lines
 */
public record Section(String heading, int page, String text) {
}
