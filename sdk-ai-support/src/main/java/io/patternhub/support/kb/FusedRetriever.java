package io.patternhub.support.kb;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines several retrievers over the same passages (for example BM25 and an embedding retriever)
 * by reciprocal rank fusion: a passage scores {@code sum(1 / (rankConstant + rank))} over the lists
 * it appears in, so agreement between retrievers wins over a high score in one. Passages are matched
 * by {@link Passage#id()}; a passage keeps the highest query coverage any retriever gave it. Term
 * analysis is the first retriever's. Thread-safe when the retrievers are.
 */
public final class FusedRetriever implements Retriever {
    private final List<Retriever> retrievers;
    private final int rankConstant;
    private final int depth;

    /**
     * @param retrievers the retrievers to fuse, at least one; the first one also analyses terms
     * @param rankConstant the k of RRF; 60 is the value from the original paper
     * @param depth how many results to take from each retriever (at least the k asked for)
     */
    public FusedRetriever(List<Retriever> retrievers, int rankConstant, int depth) {
        if (retrievers.isEmpty() || rankConstant < 1 || depth < 1) {
            throw new InvalidRequestException("Need at least one retriever, rankConstant >= 1 and depth >= 1",
                    ErrorContext.empty());
        }
        this.retrievers = List.copyOf(retrievers);
        this.rankConstant = rankConstant;
        this.depth = depth;
    }

    /** Fuses with the usual constant 60, taking 20 results from each retriever. */
    public static FusedRetriever of(Retriever... retrievers) {
        return new FusedRetriever(List.of(retrievers), 60, 20);
    }

    @Override
    public List<ScoredPassage> retrieve(String query, int k) {
        if (k < 1) {
            throw new InvalidRequestException("k must be at least 1, was " + k, ErrorContext.empty());
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, Passage> passages = new LinkedHashMap<>();
        for (Retriever r : retrievers) {
            List<ScoredPassage> list = r.retrieve(query, Math.max(k, depth));
            for (int rank = 0; rank < list.size(); rank++) {
                ScoredPassage sp = list.get(rank);
                String id = sp.passage().id();
                passages.putIfAbsent(id, sp.passage());
                double[] s = scores.computeIfAbsent(id, x -> new double[2]);
                s[0] += 1.0 / (rankConstant + rank + 1);
                s[1] = Math.max(s[1], sp.queryCoverage());
            }
        }
        List<ScoredPassage> out = new ArrayList<>();
        scores.forEach((id, s) -> out.add(new ScoredPassage(passages.get(id), s[0], s[1])));
        out.sort(Comparator.comparingDouble(ScoredPassage::score).reversed());
        return out.subList(0, Math.min(k, out.size()));
    }

    @Override
    public Map<String, Double> termWeights(String query) {
        return retrievers.get(0).termWeights(query);
    }

    @Override
    public Set<String> terms(String text) {
        return retrievers.get(0).terms(text);
    }
}
