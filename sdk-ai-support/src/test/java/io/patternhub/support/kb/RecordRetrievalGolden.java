package io.patternhub.support.kb;

import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (its name keeps it out of the normal build, and it also needs a flag): regenerates
 * {@link RetrievalGolden#SOURCE}, from the repository root: {@code mvn -B -o -pl sdk-ai-support -am
 * test -Dtest=RecordRetrievalGolden -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpatternhub.record=golden}. Regenerate only after a deliberate change of ranking, scores or
 * coverage, review the diff of the decompressed file, and commit it.
 */
class RecordRetrievalGolden {

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void record(@TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.builder().indexDirectory(dir).build()) {
            kb.sync(SampleKnowledgeBase.documents());
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                LegacyRetrieval legacy = new LegacyRetrieval(new IndexSearcher(reader));
                RetrievalGolden.write(RetrievalGolden.SOURCE, RetrievalGolden.questions(kb), legacy::retrieve);
            }
        }
    }
}
