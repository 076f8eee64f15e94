package io.patternhub.support.kb.internal;

import java.util.ArrayList;
import java.util.List;

/** Accumulates paragraphs into sections, starting a new one whenever the heading or page changes. */
final class SectionCollector {
    private final List<Section> sections = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private String heading = "";
    private int page;

    void startSection(String heading, int page) {
        flush();
        this.heading = heading;
        this.page = page;
    }

    void paragraph(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return;
        }
        if (current.length() > 0) {
            current.append("\n\n");
        }
        current.append(t);
    }

    List<Section> finish() {
        flush();
        return List.copyOf(sections);
    }

    private void flush() {
        if (current.length() > 0) {
            sections.add(new Section(heading, page, current.toString()));
            current.setLength(0);
        }
    }
}
