package io.patternhub.support.kb;

import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test (its name keeps it out of the normal build, and it also needs a flag): regenerates
 * {@link RetrievalGolden#SOURCE} from the current {@link KnowledgeBase#retrieve} (the file was
 * first recorded from the query path that preceded it), from the repository root:
 * {@code mvn -B -o -pl sdk-ai-support -am test -Dtest=RecordRetrievalGolden
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpatternhub.record=golden}. Regenerate only after a
 * deliberate change of ranking, scores or coverage, review the diff of the decompressed file, and
 * commit it.
 */
class RecordRetrievalGolden {

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void record() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(SampleKnowledgeBase.documents());
            RetrievalGolden.write(RetrievalGolden.SOURCE, RetrievalGolden.questions(kb), kb::retrieve);
        }
    }
}
