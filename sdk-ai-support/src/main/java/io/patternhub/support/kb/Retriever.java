package io.patternhub.support.kb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the passages that best match a question. Implementations are thread-safe. */
public interface Retriever {

    /**
     * Returns at most {@code k} passages, best first.
     *
     * @param query the customer's question, in plain words
     * @param k how many passages to return; at least 1
     * @return the best passages, possibly none
     */
    List<ScoredPassage> retrieve(String query, int k);

    /**
     * How much each analysed query term tells apart passages (e.g. its idf); answerers use it to
     * weigh sentences. The default weighs every term of {@link #terms} equally.
     */
    default Map<String, Double> termWeights(String query) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String t : terms(query)) {
            out.put(t, 1.0);
        }
        return out;
    }

    /** The analysed (lower-cased, stemmed, stop-word-free) terms of a text, as this retriever matches them. */
    Set<String> terms(String text);
}
