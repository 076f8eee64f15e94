package io.patternhub.support.kb.internal;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Reads HTML with jsoup: one section per h1-h6, text from paragraphs, list items, table cells. */
public final class HtmlExtractor {
    private static final String BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,pre,blockquote";

    public ExtractedDocument extract(byte[] content) {
        Document doc = Jsoup.parse(new String(content, StandardCharsets.UTF_8));
        doc.select("script,style,nav,footer").remove();
        String title = doc.title().strip();
        HeadingTracker headings = new HeadingTracker();
        SectionCollector sections = new SectionCollector();
        boolean titleFromH1 = false;
        for (Element el : doc.body().select(BLOCKS)) {
            String tag = el.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
                int level = tag.charAt(1) - '0';
                if (level == 1 && !titleFromH1) {
                    titleFromH1 = true;
                    if (title.isEmpty()) {
                        title = el.text();
                    }
                }
                headings.enter(level, el.text());
                sections.startSection(headings.path(titleFromH1), 0);
                continue;
            }
            Elements nested = el.select(BLOCKS);
            // A list item holding paragraphs is read through those paragraphs; keep only its own words.
            String text = nested.size() > 1 ? el.ownText() : el.text();
            sections.paragraph(tag.equals("li") ? "- " + text : text);
        }
        return new ExtractedDocument(title, sections.finish());
    }
}
