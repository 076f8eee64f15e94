package io.patternhub.support.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FusedRetrieverTest {

    /** A second, different retriever over the same passages: ranks by how many query words a passage repeats. */
    private static Retriever wordCount(KnowledgeBase kb, List<String> docs) {
        return new Retriever() {
            @Override
            public List<ScoredPassage> retrieve(String query, int k) {
                List<ScoredPassage> all = new ArrayList<>();
                for (String doc : docs) {
                    for (Passage p : kb.passages(doc)) {
                        long hits = 0;
                        for (String w : query.toLowerCase(Locale.ROOT).split("\\W+")) {
                            hits += p.text().toLowerCase(Locale.ROOT).split("\\b" + w + "\\b", -1).length - 1;
                        }
                        if (hits > 0) {
                            all.add(new ScoredPassage(p, hits, 0.5));
                        }
                    }
                }
                all.sort((a, b) -> Double.compare(b.score(), a.score()));
                return all.subList(0, Math.min(k, all.size()));
            }

            @Override
            public Set<String> terms(String text) {
                return Set.of(text.split("\\W+"));
            }
        };
    }

    @Test
    void passagesBothRetrieversRankWellComeFirst() {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(List.of(
                    SourceDocument.of("a.txt", DocumentFormat.TEXT, "A\n\nbutton button button button".getBytes(StandardCharsets.UTF_8)),
                    SourceDocument.of("b.txt", DocumentFormat.TEXT, "B\n\nsew a button onto the placket with a shank".getBytes(StandardCharsets.UTF_8)),
                    SourceDocument.of("c.txt", DocumentFormat.TEXT, "C\n\nplacket shank placket shank".getBytes(StandardCharsets.UTF_8))));
            Retriever other = wordCount(kb, List.of("a.txt", "b.txt", "c.txt"));
            String q = "button placket shank";
            // Each retriever alone puts a different passage first; fused, the one both rank high wins.
            assertThat(other.retrieve(q, 3).get(0).passage().documentId()).isNotEqualTo("b.txt");
            List<ScoredPassage> fused = FusedRetriever.of(kb, other).retrieve(q, 3);
            assertThat(fused).extracting(sp -> sp.passage().documentId()).first().isEqualTo("b.txt");
            assertThat(fused).hasSize(3);
            int bm25Rank = ranks(kb.retrieve(q, 20)).indexOf("b.txt") + 1;
            int otherRank = ranks(other.retrieve(q, 20)).indexOf("b.txt") + 1;
            assertThat(fused.get(0).score()).isCloseTo(1.0 / (60 + bm25Rank) + 1.0 / (60 + otherRank),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(fused.get(0).queryCoverage()).isEqualTo(1.0);
            assertThat(FusedRetriever.of(kb, other).terms("Button holes")).isEqualTo(kb.terms("Button holes"));
        }
    }

    private static List<String> ranks(List<ScoredPassage> list) {
        return list.stream().map(sp -> sp.passage().documentId()).toList();
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new FusedRetriever(List.of(), 60, 10)).isInstanceOf(InvalidRequestException.class);
    }
}
