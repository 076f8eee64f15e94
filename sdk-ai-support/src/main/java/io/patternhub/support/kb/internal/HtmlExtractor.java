package io.patternhub.support.kb.internal;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Reads HTML with jsoup: one section per h1-h6, text from paragraphs, list items, table cells. */
public final class HtmlExtractor {
    private static final String BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,tr,pre,blockquote";

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
            if (tag.equals("tr")) {
                tableRow(el).ifPresent(sections::paragraph);
                continue;
            }
            Elements nested = el.select(BLOCKS);
            // A list item holding paragraphs is read through those paragraphs; keep only its own words.
            String text = nested.size() > 1 ? el.ownText() : el.text();
            sections.paragraph(tag.equals("li") ? "- " + text : text);
        }
        return new ExtractedDocument(title, sections.finish());
    }

    /**
     * A table row as one line, each cell labelled with its column header ("Size 12: Bust 99 cm,
     * Waist 81 cm"), so that a row stays readable when quoted on its own. Header rows give nothing.
     */
    private static java.util.Optional<String> tableRow(Element tr) {
        Elements cells = tr.select("> td, > th");
        if (cells.isEmpty() || cells.stream().allMatch(c -> c.normalName().equals("th"))) {
            return java.util.Optional.empty();
        }
        Element table = tr.closest("table");
        Elements headers = table == null ? new Elements() : table.select("tr:has(> th)").first() == null
                ? new Elements() : table.select("tr:has(> th)").first().select("> th");
        StringBuilder sb = new StringBuilder(cells.get(0).text());
        for (int i = 1; i < cells.size(); i++) {
            sb.append(i == 1 ? ": " : ", ");
            if (i < headers.size()) {
                sb.append(headers.get(i).text()).append(' ');
            }
            sb.append(cells.get(i).text());
        }
        return java.util.Optional.of(sb.append('.').toString());
    }
}
