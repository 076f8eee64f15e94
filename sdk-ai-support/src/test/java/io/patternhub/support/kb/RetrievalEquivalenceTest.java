package io.patternhub.support.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.support.eval.EvalCase;
import io.patternhub.support.eval.EvalDataset;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimised query path returns exactly what the old one did, and long questions are capped, not refused. */
class RetrievalEquivalenceTest {

    @Test
    void sameRankingScoresAndCoverageAsTheOldQueryPath(@TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.builder().indexDirectory(dir).build()) {
            kb.sync(SampleKnowledgeBase.documents());
            List<String> queries = new ArrayList<>();
            for (EvalCase c : EvalDataset.read(SampleKnowledgeBase.dataset()).cases()) {
                queries.add(c.question());
            }
            queries.addAll(randomQueries(kb, 300));
            queries.add("zzqx unknownword"); // no term in the index
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                LegacyRetrieval legacy = new LegacyRetrieval(new IndexSearcher(reader));
                int nonEmpty = 0;
                for (String q : queries) {
                    for (int k : new int[] {1, 3, 5, 10}) {
                        List<ScoredPassage> expected = legacy.retrieve(q, k);
                        assertThat(kb.retrieve(q, k)).as("%s, k=%d", q, k).isEqualTo(expected);
                        nonEmpty += expected.isEmpty() ? 0 : 1;
                    }
                }
                // The comparison is only worth something if most queries find passages.
                assertThat(nonEmpty).isGreaterThan(queries.size() * 4 * 9 / 10);
            }
        }
    }

    /** Questions of 1 to 8 words drawn from the sample passages, so their terms match many passages. */
    private static List<String> randomQueries(KnowledgeBase kb, int n) {
        List<String> words = new ArrayList<>();
        for (String id : kb.documentIds()) {
            for (Passage p : kb.passages(id)) {
                for (String w : p.text().split("[^\\p{L}\\p{N}]+")) {
                    if (w.length() > 2) {
                        words.add(w);
                    }
                }
            }
        }
        Random r = new Random(11);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder q = new StringBuilder("How do I");
            for (int w = 1 + r.nextInt(8); w > 0; w--) {
                q.append(' ').append(words.get(r.nextInt(words.size())));
            }
            out.add(q.append('?').toString());
        }
        return out;
    }

    @Test
    void aVeryLongQuestionIsSearchedWithItsRarestTerms() {
        // One passage per document: 400 filler words in each; one word only in doc-7.
        try (KnowledgeBase kb = KnowledgeBase.builder().chunkChars(20_000).build()) {
            StringBuilder filler = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                filler.append('w').append(i).append("x "); // 400 distinct terms, none stemmed together
            }
            List<SourceDocument> docs = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                String text = "# Doc " + d + "\n\n" + filler + (d == 7 ? " marigold" : "") + "\n";
                docs.add(SourceDocument.of("doc-" + d + ".md", DocumentFormat.MARKDOWN, text.getBytes(StandardCharsets.UTF_8)));
            }
            kb.sync(docs);
            String question = filler + " marigold and " + "nothingsuch ".repeat(3) + "absentword";

            List<ScoredPassage> top = kb.retrieve(question, 3);

            // Searched with all its 400+ terms (3 clauses each), this failed with Lucene's TooManyNestedClauses.
            assertThat(kb.terms(question)).hasSizeGreaterThan(400);
            assertThat(top).isNotEmpty();
            assertThat(top.get(0).passage().documentId()).isEqualTo("doc-7.md");
            // Coverage counts every term, also those left out of the search and those the index lacks.
            assertThat(top.get(0).queryCoverage()).isGreaterThan(0.0).isLessThan(1.0);
            assertThat(top.get(0).queryCoverage()).isGreaterThan(top.get(1).queryCoverage());
        }
    }

    @Test
    void aQuestionWhoseTermsTheIndexLacksFindsNothing() {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(List.of(SourceDocument.of("a.md", DocumentFormat.MARKDOWN,
                    "# Seams\n\nSew the side seams.\n".getBytes(StandardCharsets.UTF_8))));
            assertThat(kb.retrieve("teddy bear", 5)).isEmpty();
            assertThat(kb.retrieve("teddy bear seams", 5)).hasSize(1);
            assertThatThrownBy(() -> kb.retrieve("seams", 0)).hasMessageContaining("k must be at least 1");
        }
    }
}
