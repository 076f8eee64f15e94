package io.patternhub.support.kb;

import io.patternhub.support.kb.internal.SupportAnalyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The query path of {@link KnowledgeBase#retrieve} before it was optimised, kept as the reference the
 * optimised path must agree with: a filter clause on the passage kind, default hit counting, and
 * coverage from re-analysing every hit's title, section and text.
 */
final class LegacyRetrieval {
    private final SupportAnalyzer analyzer = new SupportAnalyzer();
    private final IndexSearcher searcher;

    LegacyRetrieval(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    List<ScoredPassage> retrieve(String query, int k) throws IOException {
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        for (String t : terms) {
            should.add(new DisjunctionMaxQuery(List.of(
                    new TermQuery(new Term("text", t)),
                    new BoostQuery(new TermQuery(new Term("section", t)), 1.5f),
                    new BoostQuery(new TermQuery(new Term("title", t)), 1.2f)), 0.3f), BooleanClause.Occur.SHOULD);
        }
        Query q = new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term("kind", "chunk")), BooleanClause.Occur.FILTER)
                .build();
        TopDocs top = searcher.search(q, k);
        int n = Math.max(1, searcher.getIndexReader().getDocCount("text"));
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String t : terms) {
            int df = searcher.getIndexReader().docFreq(new Term("text", t));
            weights.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        List<ScoredPassage> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc);
            Citation c = new Citation(d.get("doc"), d.get("title"), d.getField("page").numericValue().intValue(),
                    d.get("section"));
            Passage p = new Passage(d.get("id"), c, d.get("text"));
            Set<String> passageTerms = analyzer.terms(c.title() + "\n" + c.section() + "\n" + p.text());
            double total = 0;
            double hit = 0;
            for (Map.Entry<String, Double> e : weights.entrySet()) {
                total += e.getValue();
                if (passageTerms.contains(e.getKey())) {
                    hit += e.getValue();
                }
            }
            out.add(new ScoredPassage(p, sd.score, total == 0 ? 0 : Math.min(1.0, hit / total)));
        }
        return out;
    }
}
