package io.patternhub.support.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the sample pattern-instruction PDFs from the plain-text sources in
 * {@code src/test/resources/pdf-sources}. Run once when a source changes; the PDFs are committed.
 *
 * <p>Source format: the first line is the PDF title, {@code === PAGE} starts a page, {@code # } a
 * heading (16 pt bold), blank lines separate paragraphs (10.5 pt).
 */
public final class SamplePdfGenerator {
    private static final float MARGIN = 56;
    private static final float BODY_SIZE = 10.5f;
    private static final float HEADING_SIZE = 16f;

    private SamplePdfGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path sources = Path.of(args.length > 0 ? args[0] : "src/test/resources/pdf-sources");
        Path target = Path.of(args.length > 1 ? args[1]
                : "src/main/resources/io/patternhub/support/sample/kb/patterns");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(sources)) {
            for (Path src : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = src.getFileName().toString().replace(".txt", ".pdf");
                write(Files.readAllLines(src, StandardCharsets.UTF_8), target.resolve(name));
                System.out.println("wrote " + target.resolve(name));
            }
        }
    }

    static void write(List<String> lines, Path out) throws IOException {
        PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        try (PDDocument pdf = new PDDocument()) {
            pdf.getDocumentInformation().setTitle(lines.get(0));
            // Fixed dates keep the committed bytes stable when the generator is re-run.
            Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            fixed.clear();
            fixed.set(2026, Calendar.JANUARY, 1);
            pdf.getDocumentInformation().setCreationDate(fixed);
            pdf.getDocumentInformation().setModificationDate(fixed);
            List<List<String>> pages = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.equals("=== PAGE")) {
                    pages.add(new ArrayList<>());
                } else {
                    pages.get(pages.size() - 1).add(line);
                }
            }
            for (List<String> pageLines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                float width = page.getMediaBox().getWidth() - 2 * MARGIN;
                float y = page.getMediaBox().getHeight() - MARGIN;
                try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
                    for (String line : pageLines) {
                        if (line.isBlank()) {
                            y -= BODY_SIZE;
                            continue;
                        }
                        boolean heading = line.startsWith("# ");
                        PDType1Font font = heading ? bold : body;
                        float size = heading ? HEADING_SIZE : BODY_SIZE;
                        for (String wrapped : wrap(heading ? line.substring(2) : line, font, size, width)) {
                            cs.beginText();
                            cs.setFont(font, size);
                            cs.newLineAtOffset(MARGIN, y);
                            cs.showText(wrapped);
                            cs.endText();
                            y -= size * 1.4f;
                        }
                        if (heading) {
                            y -= BODY_SIZE;
                        }
                    }
                }
            }
            pdf.save(out.toFile());
        }
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && line.length() > 0) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
