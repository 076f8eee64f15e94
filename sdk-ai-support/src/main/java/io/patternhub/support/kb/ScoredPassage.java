package io.patternhub.support.kb;

import java.util.Objects;

/**
 * A passage returned by a {@link Retriever}, with how well it matched.
 *
 * @param passage the passage
 * @param score the retriever's score (BM25, or a fused score); only comparable within one result list
 * @param queryCoverage the share (0 to 1) of the query's distinct content terms found in the
 *     passage (its title, section and text), each term weighted by its BM25 idf
 */
public record ScoredPassage(Passage passage, double score, double queryCoverage) {

    public ScoredPassage {
        Objects.requireNonNull(passage, "passage");
        if (queryCoverage < 0 || queryCoverage > 1) {
            throw new IllegalArgumentException("queryCoverage must be within [0, 1], was " + queryCoverage);
        }
    }
}
