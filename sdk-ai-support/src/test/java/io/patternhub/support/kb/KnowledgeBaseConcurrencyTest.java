package io.patternhub.support.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KnowledgeBaseConcurrencyTest {

    private static SourceDocument version(int v) {
        return SourceDocument.of("notes.md", DocumentFormat.MARKDOWN,
                ("# Notes\n\n## Pressing\n\nPress every seam open, version " + v + ".\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void searchesRunWhileDocumentsAreReindexed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(List.of(version(0)));
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    int searches = 0;
                    while (writing.get() || searches < 20) {
                        List<ScoredPassage> hits = kb.retrieve("press seam open", 3);
                        // Every search sees exactly one version of the document: never none, never two.
                        assertThat(hits).hasSize(1);
                        assertThat(hits.get(0).passage().text()).startsWith("Press every seam open, version ");
                        searches++;
                    }
                    return searches;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (int v = 1; v <= 30; v++) {
                    assertThat(kb.upsert(version(v)).updated()).containsExactly("notes.md");
                }
                writing.set(false);
                return null;
            });
            start.countDown();
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> f : readers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20);
            }
            assertThat(kb.passages("notes.md")).singleElement().extracting(Passage::text).asString().endsWith("version 30.");
        } finally {
            pool.shutdownNow();
        }
    }
}
