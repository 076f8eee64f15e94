package io.patternhub.support.answer;

import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;

/** One shared, read-only index of the sample documentation for the answer tests. */
final class SampleKb {
    private static KnowledgeBase kb;

    private SampleKb() {
    }

    static synchronized KnowledgeBase get() {
        if (kb == null) {
            kb = KnowledgeBase.builder().build();
            kb.sync(SampleKnowledgeBase.documents());
        }
        return kb;
    }
}
