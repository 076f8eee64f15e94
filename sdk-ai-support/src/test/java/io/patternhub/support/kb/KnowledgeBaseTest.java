package io.patternhub.support.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
    private static KnowledgeBase sample;

    @BeforeAll
    static void ingestSample() {
        sample = KnowledgeBase.builder().build();
        IngestReport report = sample.sync(SampleKnowledgeBase.documents());
        assertThat(report.added()).hasSize(18);
    }

    @AfterAll
    static void close() {
        sample.close();
    }

    @Test
    void pdfPassagesKeepTheirPageAndHeading() {
        List<Passage> passages = sample.passages("patterns/juniper-wrap-dress.pdf");
        assertThat(passages).extracting(p -> p.citation().page()).containsExactly(1, 2, 3, 4);
        assertThat(passages).extracting(p -> p.citation().section())
                .containsExactly("Juniper Wrap Dress (PH-SEW-001)", "Fabric requirements", "Cutting layout",
                        "Sewing instructions");
        assertThat(passages.get(0).citation().title()).isEqualTo("Juniper Wrap Dress - Instructions");
    }

    @Test
    void retrievalCitesThePdfPageThatReallyHoldsTheAnswer() throws IOException {
        ScoredPassage top = sample.retrieve("How much fabric do I need for the Juniper Wrap Dress in size 14?", 5).get(0);
        Citation c = top.passage().citation();
        assertThat(c.documentId()).isEqualTo("patterns/juniper-wrap-dress.pdf");
        assertThat(c.page()).isEqualTo(2);
        assertThat(c.label()).contains("page 2");
        // Read the cited page straight from the PDF: the figure is on that page and on no other.
        try (InputStream in = getClass().getResourceAsStream("/io/patternhub/support/sample/kb/patterns/juniper-wrap-dress.pdf");
                PDDocument pdf = Loader.loadPDF(in.readAllBytes())) {
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf);
                assertThat(text.contains("3.6 m")).as("page %d", page).isEqualTo(page == c.page());
            }
        }
    }

    @Test
    void markdownSectionsFollowHeadings() {
        ScoredPassage top = sample.retrieve("test square size when printing at home", 3).get(0);
        assertThat(top.passage().citation().documentId()).isEqualTo("printing-at-home.md");
        assertThat(top.passage().citation().section()).isEqualTo("Check the test square");
        assertThat(top.passage().citation().page()).isZero();
        assertThat(top.passage().text()).contains("5 cm (2 in)");
    }

    @Test
    void htmlTableRowsStayWholeWithTheirHeaders() {
        assertThat(sample.passages("sizing.html"))
                .anySatisfy(p -> assertThat(p.text()).contains("Size 12: Bust 99 cm, Waist 81 cm, Hip 107 cm."));
    }

    @Test
    void coverageIsLowForQuestionsTheDocumentsDoNotAddress() {
        List<ScoredPassage> teddy = sample.retrieve("Do you have a pattern for a teddy bear?", 3);
        List<ScoredPassage> seam = sample.retrieve("Is seam allowance included?", 3);
        assertThat(teddy).allSatisfy(sp -> assertThat(sp.queryCoverage()).isLessThan(0.5));
        assertThat(seam.get(0).queryCoverage()).isEqualTo(1.0);
    }

    @Test
    void reindexesOnlyWhatChangedAndSurvivesARestart(@TempDir Path tmp) throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path index = tmp.resolve("index");
        Files.writeString(docs.resolve("a.md"), "# Alpha\n\n## Cutting\n\nCut two sleeves on the fold.\n");
        Files.writeString(docs.resolve("b.txt"), "Bravo notes\n\nBlock the shawl with wires.\n");
        Files.createDirectories(docs.resolve("sub"));
        Files.writeString(docs.resolve("sub/c.html"), "<html><head><title>Charlie</title></head><body><p>Wash cold.</p></body></html>");
        Files.writeString(docs.resolve("ignored.docx"), "not a supported format");

        try (KnowledgeBase kb = KnowledgeBase.builder().indexDirectory(index).build()) {
            IngestReport first = kb.ingestDirectory(docs);
            assertThat(first.added()).containsExactly("a.md", "b.txt", "sub/c.html");
            assertThat(first.passages()).isEqualTo(3);

            IngestReport again = kb.ingestDirectory(docs);
            assertThat(again.unchanged()).containsExactly("a.md", "b.txt", "sub/c.html");
            assertThat(again.passages()).isZero();
            assertThat(again.changedAnything()).isFalse();

            Files.writeString(docs.resolve("a.md"), "# Alpha\n\n## Cutting\n\nCut four sleeves on the bias.\n");
            Files.delete(docs.resolve("b.txt"));
            IngestReport changed = kb.ingestDirectory(docs);
            assertThat(changed.updated()).containsExactly("a.md");
            assertThat(changed.unchanged()).containsExactly("sub/c.html");
            assertThat(changed.removed()).containsExactly("b.txt");
            assertThat(changed.passages()).isEqualTo(1);
            assertThat(kb.retrieve("sleeves bias", 5)).extracting(sp -> sp.passage().text())
                    .containsExactly("Cut four sleeves on the bias.");
            assertThat(kb.retrieve("block shawl wires", 5)).isEmpty();
        }
        // A new instance over the same index directory knows what is already indexed; two at once are refused.
        try (KnowledgeBase first = KnowledgeBase.builder().indexDirectory(index).build()) {
            assertThatThrownBy(() -> KnowledgeBase.builder().indexDirectory(index).build())
                    .isInstanceOf(io.patternhub.core.error.ConfigurationException.class).hasMessageContaining("open in another");
        }
        try (KnowledgeBase reopened = KnowledgeBase.builder().indexDirectory(index).build()) {
            assertThat(reopened.documentIds()).containsExactly("a.md", "sub/c.html");
            assertThat(reopened.ingestDirectory(docs).unchanged()).containsExactly("a.md", "sub/c.html");
            assertThat(reopened.passages("a.md").get(0).citation().section()).isEqualTo("Cutting");
        }
    }

    @Test
    void upsertReplacesOneDocumentAndLeavesTheOthers() {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.upsert(SourceDocument.of("one.txt", DocumentFormat.TEXT, "One\n\nfirst version about buttons".getBytes(StandardCharsets.UTF_8)));
            kb.upsert(SourceDocument.of("two.txt", DocumentFormat.TEXT, "Two\n\nzips and fasteners".getBytes(StandardCharsets.UTF_8)));
            IngestReport r = kb.upsert(SourceDocument.of("one.txt", DocumentFormat.TEXT,
                    "One\n\nsecond version about buttonholes".getBytes(StandardCharsets.UTF_8)));
            assertThat(r.updated()).containsExactly("one.txt");
            assertThat(r.removed()).isEmpty();
            assertThat(kb.documentIds()).containsExactly("one.txt", "two.txt");
            assertThat(kb.passages("one.txt")).extracting(Passage::text).containsExactly("second version about buttonholes");
        }
    }

    @Test
    void longSectionsAreChunkedWithinTheLimitAndInOrder() {
        StringBuilder md = new StringBuilder("# Long\n\n## Steps\n\n");
        for (int i = 0; i < 40; i++) {
            md.append("Step ").append(i).append(" sew the seam with care and press it open.\n\n");
        }
        try (KnowledgeBase kb = KnowledgeBase.builder().chunkChars(200).build()) {
            kb.upsert(SourceDocument.of("long.md", DocumentFormat.MARKDOWN, md.toString().getBytes(StandardCharsets.UTF_8)));
            List<Passage> passages = kb.passages("long.md");
            assertThat(passages).hasSizeGreaterThan(5);
            assertThat(passages).allSatisfy(p -> {
                assertThat(p.text().length()).isLessThanOrEqualTo(200);
                assertThat(p.citation().section()).isEqualTo("Steps");
            });
            assertThat(passages.get(0).text()).startsWith("Step 0 ");
            assertThat(String.join("\n\n", passages.stream().map(Passage::text).toList())).contains("Step 39 ");
        }
    }

    @Test
    void badInputGetsTypedErrors(@TempDir Path tmp) {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            assertThatThrownBy(() -> kb.retrieve("seam", 0)).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> kb.ingestDirectory(tmp.resolve("missing"))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Not a directory");
            assertThatThrownBy(() -> kb.upsert(SourceDocument.of("broken.pdf", DocumentFormat.PDF, "not a pdf".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("broken.pdf");
            assertThatThrownBy(() -> SourceDocument.read("notes.docx", InputStream.nullInputStream()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Unsupported document");
            assertThatThrownBy(() -> kb.sync(List.of(
                    SourceDocument.of("x.txt", DocumentFormat.TEXT, new byte[] {'a'}),
                    SourceDocument.of("x.txt", DocumentFormat.TEXT, new byte[] {'b'}))))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Duplicate");
            assertThat(kb.retrieve("the and of", 3)).isEmpty();
        }
    }
}
