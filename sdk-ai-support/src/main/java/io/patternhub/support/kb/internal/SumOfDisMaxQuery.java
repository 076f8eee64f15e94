package io.patternhub.support.kb.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * A sum of {@link DisjunctionMaxQuery}s (one group per question term, one term query per field holding the term),
 * scoring every passage exactly as the equivalent {@link BooleanQuery} of SHOULD clauses ({@link #asBooleanQuery()})
 * does, but searched for the top k with max-score pruning over the single term queries instead of whole groups.
 *
 * <p>Why: Lucene bounds a group by its best field's bound. When a term is common in passage text but rare and
 * boosted in headings, each group's bound is the heading's, almost no group can be set aside, and every passage
 * holding a common term gets scored. Bounded per field, the text postings of common terms are only consulted for
 * passages that a heading, title or rarer term already made candidates, as long as they cannot reach the top k
 * on their own. See {@code LeafMaxScoreBulkScorer}.
 *
 * <p>Only the top-k search ({@link ScoreMode#TOP_SCORES}) is scored this way; every other use (counting,
 * exhaustive collection, explanations) goes to the equivalent query.
 */
public final class SumOfDisMaxQuery extends Query {
    private final List<List<Query>> groups;
    private final float tieBreaker;
    private final Query equivalent;

    /**
     * @param groups per term, its term queries (each a {@code TermQuery}, possibly inside a {@code BoostQuery});
     *     no group may be empty
     * @param tieBreaker the share of the other fields' scores added to a group's best, as in
     *     {@link DisjunctionMaxQuery}; between 0 and 1
     */
    public SumOfDisMaxQuery(List<List<Query>> groups, float tieBreaker) {
        if (!(tieBreaker >= 0 && tieBreaker <= 1)) {
            throw new IllegalArgumentException("tieBreaker must be in [0, 1], was " + tieBreaker);
        }
        List<List<Query>> copy = new ArrayList<>(groups.size());
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        for (List<Query> group : groups) {
            if (group.isEmpty()) {
                throw new IllegalArgumentException("A term group needs at least one field query");
            }
            copy.add(List.copyOf(group));
            should.add(new DisjunctionMaxQuery(group, tieBreaker), BooleanClause.Occur.SHOULD);
        }
        this.groups = List.copyOf(copy);
        this.tieBreaker = tieBreaker;
        this.equivalent = should.build();
    }

    /** The plain Lucene query with the same matches and scores, scored by Lucene's own bulk scorer. */
    public Query asBooleanQuery() {
        return equivalent;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        if (scoreMode != ScoreMode.TOP_SCORES || groups.isEmpty()) {
            return searcher.createWeight(searcher.rewrite(equivalent), scoreMode, boost);
        }
        // The same weights the equivalent query builds under its groups (same boost, same statistics), so each
        // field's score is the same float.
        Weight[][] fieldWeights = new Weight[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            List<Query> group = groups.get(g);
            fieldWeights[g] = new Weight[group.size()];
            for (int f = 0; f < group.size(); f++) {
                fieldWeights[g][f] = searcher.createWeight(searcher.rewrite(group.get(f)), scoreMode, boost);
            }
        }
        return new TopScoresWeight(searcher, boost, fieldWeights);
    }

    /** Scores like the equivalent query's weight; only its bulk scorer differs. */
    private final class TopScoresWeight extends Weight {
        private final IndexSearcher searcher;
        private final float boost;
        private final Weight[][] fieldWeights;
        /** The equivalent query's weight, built on first use: the top-k search itself never needs it. */
        private Weight plain;

        TopScoresWeight(IndexSearcher searcher, float boost, Weight[][] fieldWeights) {
            super(SumOfDisMaxQuery.this);
            this.searcher = searcher;
            this.boost = boost;
            this.fieldWeights = fieldWeights;
        }

        private synchronized Weight plain() throws IOException {
            if (plain == null) {
                plain = searcher.createWeight(searcher.rewrite(equivalent), ScoreMode.TOP_SCORES, boost);
            }
            return plain;
        }

        @Override
        public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
            Scorer[][] scorers = new Scorer[fieldWeights.length][];
            boolean any = false;
            for (int g = 0; g < fieldWeights.length; g++) {
                scorers[g] = new Scorer[fieldWeights[g].length];
                for (int f = 0; f < fieldWeights[g].length; f++) {
                    scorers[g][f] = fieldWeights[g][f].scorer(context); // null: term not in this segment
                    any |= scorers[g][f] != null;
                }
            }
            return any ? new LeafMaxScoreBulkScorer(context.reader().maxDoc(), scorers, tieBreaker) : null;
        }

        @Override
        public Scorer scorer(LeafReaderContext context) throws IOException {
            return plain().scorer(context);
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            return plain().explain(context, doc);
        }

        @Override
        public Matches matches(LeafReaderContext context, int doc) throws IOException {
            return plain().matches(context, doc);
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return false;
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        equivalent.visit(visitor);
    }

    @Override
    public String toString(String field) {
        return "SumOfDisMax(" + equivalent.toString(field) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && equivalent.equals(((SumOfDisMaxQuery) other).equivalent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), equivalent);
    }
}
