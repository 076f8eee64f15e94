package io.patternhub.support.kb.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads PDFs with PDFBox page by page, so every section knows its page. Lines set in a font larger
 * than the body text are taken as headings.
 */
public final class PdfExtractor {
    /** Lines whose first glyph is at least this many points are headings. */
    private static final float HEADING_MIN_POINTS = 12.5f;
    private static final char HEADING_MARK = '\u0001';

    public ExtractedDocument extract(byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            HeadingTracker headings = new HeadingTracker();
            SectionCollector sections = new SectionCollector();
            HeadingAwareStripper stripper = new HeadingAwareStripper();
            String firstHeading = "";
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                StringWriter out = new StringWriter();
                stripper.writeText(pdf, out);
                sections.startSection(headings.path(false), page);
                StringBuilder para = new StringBuilder();
                for (String line : out.toString().split("\\R")) {
                    if (!line.isEmpty() && line.charAt(0) == HEADING_MARK) {
                        sections.paragraph(para.toString());
                        para.setLength(0);
                        String heading = line.substring(1).strip();
                        if (firstHeading.isEmpty()) {
                            firstHeading = heading;
                        }
                        headings.enter(2, heading);
                        sections.startSection(headings.path(false), page);
                    } else if (line.isBlank()) {
                        sections.paragraph(para.toString());
                        para.setLength(0);
                    } else {
                        if (para.length() > 0) {
                            para.append(' ');
                        }
                        para.append(line.strip());
                    }
                }
                sections.paragraph(para.toString());
            }
            String t = title == null || title.isBlank() ? firstHeading : title.strip();
            return new ExtractedDocument(t, sections.finish());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read PDF: " + e.getMessage(), e);
        }
    }

    /** Marks heading lines and separates paragraphs with blank lines. */
    private static final class HeadingAwareStripper extends PDFTextStripper {
        HeadingAwareStripper() {
            setSortByPosition(true);
            setParagraphStart("");
            setParagraphEnd(System.lineSeparator());
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            if (!positions.isEmpty() && positions.get(0).getFontSizeInPt() >= HEADING_MIN_POINTS) {
                writeString(System.lineSeparator() + HEADING_MARK + text);
            } else {
                writeString(text);
            }
        }
    }
}
