package io.patternhub.support.kb.internal;

import java.nio.charset.StandardCharsets;

/** Reads plain text: the first line is the title; paragraphs are separated by blank lines. */
public final class TextExtractor {

    public ExtractedDocument extract(byte[] content) {
        String all = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
        SectionCollector sections = new SectionCollector();
        String title = "";
        for (String para : all.split("\n\\s*\n")) {
            String p = para.strip();
            if (title.isEmpty() && !p.isEmpty() && !p.contains("\n") && p.length() <= 120) {
                title = p;
                continue;
            }
            sections.paragraph(p);
        }
        return new ExtractedDocument(title, sections.finish());
    }
}
