package io.patternhub.support.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.Passage;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleDatasetTest {
    private static KnowledgeBase kb;
    private static EvalDataset dataset;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.builder().build();
        kb.sync(SampleKnowledgeBase.documents());
        dataset = EvalDataset.read(SampleKnowledgeBase.dataset());
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @Test
    void hasAtLeastSixtyQuestionsAndAQuarterEscalate() {
        assertThat(dataset.cases()).hasSizeGreaterThanOrEqualTo(60);
        long escalate = dataset.cases().stream().filter(EvalCase::shouldEscalate).count();
        assertThat(escalate * 4).isGreaterThanOrEqualTo(dataset.cases().size());
        assertThat(dataset.split("dev").cases()).isNotEmpty();
        assertThat(dataset.split("test").cases()).isNotEmpty();
    }

    @Test
    void everyLabelledSourceExistsAndHoldsTheFacts() {
        for (EvalCase c : dataset.cases()) {
            for (String source : c.sources()) {
                String doc = source.contains("#") ? source.substring(0, source.indexOf('#')) : source;
                List<Passage> passages = kb.passages(doc);
                assertThat(passages).as("%s cites %s", c.id(), source).isNotEmpty();
                if (source.contains("#")) {
                    int page = Integer.parseInt(source.substring(source.indexOf('#') + 1));
                    assertThat(passages).as("%s cites %s", c.id(), source).anyMatch(p -> p.citation().page() == page);
                }
            }
            if (!c.shouldEscalate()) {
                // At least one acceptable source really contains every fact: the labels are answerable.
                boolean supported = c.sources().stream().anyMatch(source -> {
                    String doc = source.contains("#") ? source.substring(0, source.indexOf('#')) : source;
                    return kb.passages(doc).stream().filter(p -> c.accepts(p.citation())).anyMatch(p -> c.factsIn(p.text()));
                });
                assertThat(supported).as("case %s facts %s in %s", c.id(), c.facts(), c.sources()).isTrue();
            }
        }
    }

    /** The figures in the module README; this fails when a change moves them, so the README stays true. */
    @Test
    void offlineAnswererFiguresMatchTheReadme() {
        SupportAgent agent = SupportAgent.builder().retriever(kb).build();
        EvalReport test = EvalRunner.builder().assistant(agent::handle).retriever(kb).build().run(dataset.split("test"));
        EvalReport all = EvalRunner.builder().assistant(agent::handle).retriever(kb).build().run(dataset);
        assertThat(test.total()).isEqualTo(37);
        assertThat(test.correct()).isEqualTo(21);
        assertThat(test.wrong()).isEqualTo(5);
        assertThat(test.escalationRecall()).isEqualTo(1.0);
        assertThat(all.total()).isEqualTo(76);
        assertThat(all.correct()).isEqualTo(45);
        assertThat(all.wrong()).isEqualTo(8);
    }
}
