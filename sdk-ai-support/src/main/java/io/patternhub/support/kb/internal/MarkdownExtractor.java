package io.patternhub.support.kb.internal;

import java.nio.charset.StandardCharsets;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** Reads Markdown with commonmark: one section per heading, the first level-1 heading is the title. */
public final class MarkdownExtractor {
    private final Parser parser = Parser.builder().build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    public ExtractedDocument extract(byte[] content) {
        Node doc = parser.parse(new String(content, StandardCharsets.UTF_8));
        HeadingTracker headings = new HeadingTracker();
        SectionCollector sections = new SectionCollector();
        String title = "";
        for (Node node = doc.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading h) {
                String headingText = text.render(h).strip();
                if (h.getLevel() == 1 && title.isEmpty()) {
                    title = headingText;
                }
                headings.enter(h.getLevel(), headingText);
                sections.startSection(headings.path(!title.isEmpty()), 0);
            } else if (!(node instanceof Document)) {
                sections.paragraph(text.render(node));
            }
        }
        return new ExtractedDocument(title, sections.finish());
    }
}
