package io.patternhub.support.kb.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.util.Bits;

/**
 * Top-k scoring of a {@link SumOfDisMaxQuery} in one segment: max-score pruning (as Lucene's own
 * {@code MaxScoreBulkScorer}) over the single term scorers, with each candidate scored exactly as
 * Lucene's {@code DisjunctionMaxScorer}s under a disjunction score it.
 *
 * <p>The segment is walked in windows of documents. Per window, every term scorer's best possible score there
 * (from the postings' impacts) is read, and the scorers are sorted by it. The longest prefix whose bounds add up
 * to less than the lowest score that can still enter the top k is <em>non-essential</em>: a document matching
 * only those cannot compete, since a group's score (best field plus a share of the others) never exceeds the sum
 * of its fields' scores. Only documents of the essential scorers are candidates; the non-essential ones are
 * advanced to a candidate only while it can still reach the top k.
 *
 * <p>A candidate's score is the same float as the equivalent query's: per group, the best field score plus
 * {@code tieBreaker} times the sum of the others, computed in double and rounded to float as
 * {@code DisjunctionMaxScorer} does; the groups summed in double and rounded to float as Lucene's disjunction
 * scorers do. Candidates are handed to the collector in document order, so ties at equal score resolve as
 * before (the lower document first).
 */
final class LeafMaxScoreBulkScorer extends BulkScorer {
    /**
     * Fewest documents in a window: windows follow the postings' blocks, but scoring at least this many keeps the
     * per-window work (reading bounds, sorting scorers) small against the documents scored.
     */
    static final int MIN_WINDOW = 4096;
    /**
     * Bounds are compared with this much room, so that rounding (floats per field, per group and the total)
     * can never make a competitive document look non-competitive; it only costs a few more documents scored.
     */
    private static final double BOUND_SLACK = 1 + 1e-6;

    /** One term scorer: a field of a term group. */
    private static final class Clause {
        final Scorer scorer;
        final DocIdSetIterator postings;
        final int group;
        int doc = -1;
        float windowMaxScore;
        /** The last document this clause was found on, and its score there. */
        int scoredDoc = -1;
        float score;

        Clause(Scorer scorer, int group) {
            this.scorer = scorer;
            this.postings = scorer.iterator();
            this.group = group;
        }

        int advanceTo(int target) throws IOException {
            if (doc < target) {
                doc = postings.advance(target);
            }
            return doc;
        }
    }

    /** What the collector sees: the current document and its exact score; receives the bar for the top k. */
    private final class Current extends Scorable {
        int doc = -1;
        float score;

        @Override
        public float score() {
            return score;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public void setMinCompetitiveScore(float minScore) {
            if (minScore > minCompetitiveScore) {
                minCompetitiveScore = minScore;
                barRaised = true;
            }
        }
    }

    private final int maxDoc;
    private final double tieBreaker;
    /** Per group, its clauses in the query's field order. */
    private final Clause[][] groups;
    /** Every clause; ordered by window bound, ascending, after each partition. */
    private final Clause[] clauses;
    private final Current current = new Current();
    private float minCompetitiveScore;
    private boolean barRaised;
    /** Clauses before this index are non-essential in the current window. */
    private int firstEssential;
    /** Sum of the non-essential clauses' window bounds. */
    private double nonEssentialBound;

    LeafMaxScoreBulkScorer(int maxDoc, Scorer[][] scorersByGroup, float tieBreaker) {
        this.maxDoc = maxDoc;
        this.tieBreaker = tieBreaker;
        List<Clause> all = new ArrayList<>();
        List<Clause[]> byGroup = new ArrayList<>();
        for (Scorer[] fields : scorersByGroup) {
            List<Clause> group = new ArrayList<>(fields.length);
            for (Scorer s : fields) {
                if (s != null) {
                    group.add(new Clause(s, byGroup.size()));
                }
            }
            if (!group.isEmpty()) {
                byGroup.add(group.toArray(new Clause[0]));
                all.addAll(group);
            }
        }
        this.groups = byGroup.toArray(new Clause[0][]);
        this.clauses = all.toArray(new Clause[0]);
    }

    @Override
    public int score(LeafCollector collector, Bits acceptDocs, int min, int max) throws IOException {
        collector.setScorer(current);
        int end = Math.min(max, maxDoc);
        int windowMin = Math.max(min, 0);
        while (windowMin < end) {
            int windowMax = windowEnd(windowMin, end);
            readWindowBounds(windowMin, windowMax);
            if (partition()) {
                scoreWindow(collector, acceptDocs, windowMin, windowMax);
            }
            windowMin = windowMax;
        }
        return nextCandidate(end);
    }

    /** The window's end (exclusive): the end of the essential clauses' current postings blocks, or later. */
    private int windowEnd(int windowMin, int end) throws IOException {
        long windowMax = DocIdSetIterator.NO_MORE_DOCS;
        for (int i = Math.min(firstEssential, clauses.length - 1); i < clauses.length; i++) {
            Clause c = clauses[i];
            long upTo = c.scorer.advanceShallow(Math.max(c.doc, windowMin)); // inclusive
            windowMax = Math.min(windowMax, upTo + 1);
        }
        windowMax = Math.max(windowMax, (long) windowMin + MIN_WINDOW);
        return (int) Math.min(windowMax, end);
    }

    private void readWindowBounds(int windowMin, int windowMax) throws IOException {
        for (Clause c : clauses) {
            if (c.doc < windowMax) {
                if (c.doc < windowMin) {
                    c.scorer.advanceShallow(windowMin);
                }
                c.windowMaxScore = c.scorer.getMaxScore(windowMax - 1);
            } else {
                c.windowMaxScore = 0; // no document in this window
            }
        }
        Arrays.sort(clauses, BY_WINDOW_BOUND);
    }

    private static final Comparator<Clause> BY_WINDOW_BOUND = Comparator.comparingDouble(c -> c.windowMaxScore);

    /**
     * Sets aside the longest prefix of clauses (weakest bound first) that cannot reach the top k together.
     *
     * @return whether any clause is left essential (else no document of the window can compete)
     */
    private boolean partition() {
        barRaised = false;
        double sum = 0;
        int i = 0;
        while (i < clauses.length) {
            double next = sum + clauses[i].windowMaxScore;
            if (!cannotCompete(next)) {
                break;
            }
            sum = next;
            i++;
        }
        firstEssential = i;
        nonEssentialBound = sum;
        return i < clauses.length;
    }

    private boolean cannotCompete(double upperBound) {
        return upperBound * BOUND_SLACK < minCompetitiveScore;
    }

    private void scoreWindow(LeafCollector collector, Bits acceptDocs, int windowMin, int windowMax) throws IOException {
        int doc = DocIdSetIterator.NO_MORE_DOCS;
        for (int i = firstEssential; i < clauses.length; i++) {
            doc = Math.min(doc, clauses[i].advanceTo(windowMin));
        }
        while (doc < windowMax) {
            if (acceptDocs == null || acceptDocs.get(doc)) {
                scoreCandidate(collector, doc);
                if (barRaised && !partition()) {
                    return; // nothing left in this window can enter the top k
                }
            }
            int next = DocIdSetIterator.NO_MORE_DOCS;
            for (int i = firstEssential; i < clauses.length; i++) {
                Clause c = clauses[i];
                if (c.doc == doc) {
                    c.doc = c.postings.nextDoc();
                }
                next = Math.min(next, c.doc);
            }
            doc = next;
        }
    }

    private void scoreCandidate(LeafCollector collector, int doc) throws IOException {
        // Upper bound so far: the essential clauses' actual scores plus the others' window bounds.
        double bound = nonEssentialBound;
        for (int i = firstEssential; i < clauses.length; i++) {
            Clause c = clauses[i];
            if (c.doc == doc) {
                c.score = c.scorer.score();
                c.scoredDoc = doc;
                bound += c.score;
            }
        }
        if (cannotCompete(bound)) {
            return;
        }
        // Strongest non-essential first: it narrows the bound most.
        for (int i = firstEssential - 1; i >= 0; i--) {
            Clause c = clauses[i];
            bound -= c.windowMaxScore;
            if (c.advanceTo(doc) == doc) {
                c.score = c.scorer.score();
                c.scoredDoc = doc;
                bound += c.score;
            }
            if (cannotCompete(bound)) {
                return;
            }
        }
        current.doc = doc;
        current.score = exactScore(doc);
        collector.collect(doc);
    }

    /** The equivalent query's score: per group DisjunctionMaxScorer's arithmetic, the groups summed in double. */
    private float exactScore(int doc) {
        double total = 0;
        for (Clause[] group : groups) {
            float best = 0;
            double others = 0;
            boolean matched = false;
            for (Clause c : group) {
                if (c.scoredDoc == doc) {
                    matched = true;
                    if (c.score >= best) {
                        others += best;
                        best = c.score;
                    } else {
                        others += c.score;
                    }
                }
            }
            if (matched) {
                total += (float) (best + others * tieBreaker);
            }
        }
        return (float) total;
    }

    /** The first document at or after {@code end} that some clause may match, as {@link BulkScorer} asks. */
    private int nextCandidate(int end) {
        if (end >= maxDoc) {
            return DocIdSetIterator.NO_MORE_DOCS;
        }
        int next = DocIdSetIterator.NO_MORE_DOCS;
        for (Clause c : clauses) {
            if (c.doc < end) {
                return end;
            }
            next = Math.min(next, c.doc);
        }
        return next;
    }

    @Override
    public long cost() {
        long cost = 0;
        for (Clause c : clauses) {
            cost += c.postings.cost();
        }
        return cost;
    }
}
