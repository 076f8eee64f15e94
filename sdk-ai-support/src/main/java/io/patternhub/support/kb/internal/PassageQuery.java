package io.patternhub.support.kb.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * The BM25 query for a question: per term, the best of passage text, section heading (boost 1.5) and
 * document title (boost 1.2), plus 0.3 of the others; terms are summed.
 *
 * <p>It is a pure disjunction on purpose: no filter clause (only passages have the searched fields, so
 * none is needed), so the top k can be found with max-score pruning, skipping postings that cannot reach
 * it. {@link SumOfDisMaxQuery} prunes per field rather than per term, and scores exactly as the plain Lucene
 * query of the same shape ({@link SumOfDisMaxQuery#asBooleanQuery()}).
 */
public final class PassageQuery {
    /**
     * Most terms one question searches with. A long ticket (quoted mail history, a pasted pattern) would
     * otherwise cost three posting lists per distinct word, and above ~340 terms exceed Lucene's clause
     * limit; the rarest terms are kept, since they decide the ranking.
     */
    public static final int MAX_TERMS = 64;

    /** Share of a term's other fields' scores added to its best field's. */
    static final float TIE_BREAKER = 0.3f;

    private PassageQuery() {
    }

    /**
     * The query for the given terms, keeping at most {@link #MAX_TERMS} of them.
     *
     * @param idf analysed query terms that occur in the index, each with its idf over passage text, in
     *     order of first appearance
     * @param lookedUp the same terms' dictionary lookups, reused by the term queries
     */
    public static SumOfDisMaxQuery build(Map<String, Double> idf, QueryTerms lookedUp) {
        List<List<Query>> groups = new ArrayList<>();
        for (String t : strongest(idf, MAX_TERMS)) {
            // Only the fields that hold the term: an absent field adds nothing to the best or the rest, so the
            // score is the same, and a term found in one field only becomes a plain term query.
            List<Query> fields = new ArrayList<>(3);
            if (lookedUp.occursIn(IndexFields.TEXT, t)) {
                fields.add(lookedUp.termQuery(IndexFields.TEXT, t));
            }
            if (lookedUp.occursIn(IndexFields.SECTION, t)) {
                fields.add(new BoostQuery(lookedUp.termQuery(IndexFields.SECTION, t), 1.5f));
            }
            if (lookedUp.occursIn(IndexFields.TITLE, t)) {
                fields.add(new BoostQuery(lookedUp.termQuery(IndexFields.TITLE, t), 1.2f));
            }
            if (!fields.isEmpty()) {
                groups.add(fields);
            }
        }
        return new SumOfDisMaxQuery(groups, TIE_BREAKER);
    }

    /** All terms when there are at most {@code max}; else the {@code max} of highest idf, in their original order. */
    static List<String> strongest(Map<String, Double> idf, int max) {
        List<String> terms = new ArrayList<>(idf.keySet());
        if (terms.size() <= max) {
            return terms;
        }
        List<String> byIdf = new ArrayList<>(terms);
        // Stable sort: among equal idf the earlier term wins.
        byIdf.sort(Comparator.comparingDouble((String t) -> idf.get(t)).reversed());
        java.util.Set<String> keep = new java.util.HashSet<>(byIdf.subList(0, max));
        terms.removeIf(t -> !keep.contains(t));
        return terms;
    }
}
