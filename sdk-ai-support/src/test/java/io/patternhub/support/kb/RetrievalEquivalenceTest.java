package io.patternhub.support.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optimised query path returns exactly what the old one did (recorded in {@link RetrievalGolden}:
 * ranking, scores to the last bit, coverage), and long questions are capped, not refused.
 */
class RetrievalEquivalenceTest {

    @Test
    void sameRankingScoresAndCoverageAsTheOldQueryPath() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(SampleKnowledgeBase.documents());
            Map<String, Passage> passages = new HashMap<>();
            kb.documentIds().forEach(id -> kb.passages(id).forEach(p -> passages.put(p.id(), p)));
            List<String> questions = RetrievalGolden.questions(kb);
            List<String> recorded = RetrievalGolden.read();
            assertThat(recorded).hasSize(questions.size() * RetrievalGolden.KS.length);
            int line = 0;
            int nonEmpty = 0;
            for (String q : questions) {
                for (int k : RetrievalGolden.KS) {
                    List<ScoredPassage> hits = kb.retrieve(q, k);
                    assertThat(RetrievalGolden.line(q, k, hits)).as("%s, k=%d", q, k).isEqualTo(recorded.get(line++));
                    // The id stands for the passage: each hit is the indexed passage, citation and text.
                    hits.forEach(h -> assertThat(h.passage()).isEqualTo(passages.get(h.passage().id())));
                    nonEmpty += hits.isEmpty() ? 0 : 1;
                }
            }
            // The comparison is only worth something if most queries find passages.
            assertThat(nonEmpty).isGreaterThan(questions.size() * 4 * 9 / 10);
        }
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
