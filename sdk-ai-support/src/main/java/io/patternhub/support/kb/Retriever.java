package io.patternhub.support.kb;

import java.util.List;

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
}
