package io.patternhub.benchmarks;

import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.Passage;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.kb.internal.PassageQuery;
import io.patternhub.support.kb.internal.QueryTerms;
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
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * The same-run baselines of {@link RetrievalBench}, over a reader of the knowledge base's own index files:
 * the query path of {@code KnowledgeBase.retrieve} as it was before the optimisation (copied verbatim), and
 * search-only variants that separate what each change is worth.
 */
final class RetrievalLegacyPath {
    private final SupportAnalyzer analyzer = new SupportAnalyzer();
    private final IndexSearcher searcher;

    RetrievalLegacyPath(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /** The old full path: MUST(disjunction) + FILTER(kind:chunk), Lucene's default hit counting, coverage by re-analysis. */
    List<ScoredPassage> retrieve(String query, int k) throws IOException {
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        TopDocs top = searcher.search(filtered(disjunction(terms)), k);
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

    /**
     * Search only (no stored fields, no coverage): top k doc ids of the old or the new query shape.
     *
     * @param withKindFilter the old shape, MUST(disjunction) + FILTER(kind:chunk); else the bare disjunction
     * @param totalHitsThreshold how many hits are counted exactly before Lucene may skip non-competitive ones
     *     ({@code Integer.MAX_VALUE}: exhaustive, every match scored)
     * @return the total hit count (exact up to the threshold)
     */
    long search(String query, int k, boolean withKindFilter, int totalHitsThreshold) throws IOException {
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return 0;
        }
        Query q = withKindFilter ? filtered(disjunction(terms)) : disjunction(terms);
        return searcher.search(q, new TopScoreDocCollectorManager(k, null, totalHitsThreshold)).totalHits.value;
    }

    /**
     * Search only, with the query exactly as the new path builds it ({@code PassageQuery}: each term only in
     * the fields that hold it, terms no passage holds left out, at most 64 terms), counting hits to k.
     *
     * @return the total hit count (exact up to k)
     */
    long searchAsNewPath(String query, int k) throws IOException {
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return 0;
        }
        QueryTerms lookedUp = QueryTerms.lookUp(searcher, terms);
        Map<String, Double> searchable = new LinkedHashMap<>(lookedUp.idf());
        searchable.keySet().removeIf(t -> !lookedUp.occurs(t));
        if (searchable.isEmpty()) {
            return 0;
        }
        return searcher.search(PassageQuery.build(searchable, lookedUp),
                new TopScoreDocCollectorManager(k, null, k)).totalHits.value;
    }

    private static Query disjunction(Set<String> terms) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        for (String t : terms) {
            should.add(new DisjunctionMaxQuery(List.of(
                    new TermQuery(new Term("text", t)),
                    new BoostQuery(new TermQuery(new Term("section", t)), 1.5f),
                    new BoostQuery(new TermQuery(new Term("title", t)), 1.2f)), 0.3f), BooleanClause.Occur.SHOULD);
        }
        return should.build();
    }

    private static Query filtered(Query disjunction) {
        return new BooleanQuery.Builder()
                .add(disjunction, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term("kind", "chunk")), BooleanClause.Occur.FILTER)
                .build();
    }
}
