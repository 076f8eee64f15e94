package io.patternhub.support.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Escalation;
import io.patternhub.support.answer.EscalationReason;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.DocumentFormat;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.SourceDocument;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EvalRunnerTest {
    private static final String DATASET = """
            {"name": "tiny", "cases": [
              {"id": "1", "question": "seam allowance?", "facts": ["1.5 cm"], "sources": ["seam.md"], "shouldEscalate": false, "split": "dev"},
              {"id": "2", "question": "fabric?", "facts": ["3.6 m"], "sources": ["dress.pdf#2"], "shouldEscalate": false, "split": "test"},
              {"id": "3", "question": "scale?", "facts": ["100%"], "sources": ["print.md"], "shouldEscalate": false, "split": "test"},
              {"id": "4", "question": "refund me", "shouldEscalate": true, "split": "test"},
              {"id": "5", "question": "teddy bear?", "shouldEscalate": true, "split": "dev"}
            ]}""";

    private static Answer cite(String text, String doc, int page) {
        return Answer.answered(text, List.of(new Citation(doc, doc, page, "")));
    }

    private static Answer escalate() {
        return Answer.escalated(new Escalation(EscalationReason.NOT_IN_DOCUMENTATION, "s", List.of()));
    }

    @Test
    void scoresResolutionWrongAnswersEscalationAndRecall() {
        EvalDataset ds = EvalDataset.read(new ByteArrayInputStream(DATASET.getBytes(StandardCharsets.UTF_8)));
        // Case 1 right; case 2 right fact but wrong page (wrong); case 3 escalated though answerable;
        // case 4 escalated (right); case 5 answered though it should escalate (wrong).
        Map<String, Answer> replies = Map.of(
                "seam allowance?", cite("It is 1.5  CM.", "seam.md", 0),
                "fabric?", cite("You need 3.6 m.", "dress.pdf", 3),
                "scale?", escalate(),
                "refund me", escalate(),
                "teddy bear?", cite("Bears are great.", "print.md", 0));
        Function<Inquiry, Answer> assistant = i -> replies.get(i.text());
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(List.of(
                    SourceDocument.of("seam.md", DocumentFormat.MARKDOWN, "# Seam\n\nseam allowance is 1.5 cm".getBytes(StandardCharsets.UTF_8)),
                    SourceDocument.of("print.md", DocumentFormat.MARKDOWN, "# Print\n\nprint at 100% scale".getBytes(StandardCharsets.UTF_8))));
            AtomicLong clock = new AtomicLong();
            EvalReport r = EvalRunner.builder().assistant(assistant).retriever(kb).k(3)
                    .nanoTicker(() -> clock.addAndGet(2_000_000)).build().run(ds);
            assertThat(r.total()).isEqualTo(5);
            assertThat(r.correct()).isEqualTo(1);
            assertThat(r.wrong()).isEqualTo(2);
            assertThat(r.resolutionRate()).isEqualTo(0.2);
            assertThat(r.resolutionRateOfAnswerable()).isCloseTo(1 / 3.0, within(1e-9));
            assertThat(r.wrongAnswerRate()).isEqualTo(0.4);
            assertThat(r.escalationPrecision()).isEqualTo(0.5);
            assertThat(r.escalationRecall()).isEqualTo(0.5);
            // seam.md and print.md are retrievable for their questions; dress.pdf is not in the index.
            assertThat(r.retrievalRecallAtK()).isCloseTo(2 / 3.0, within(1e-9));
            assertThat(r.latencyMillis(50)).isEqualTo(2.0);
            assertThat(r.toMarkdown()).contains("| resolution rate (answered and correct / all) | 20.0% (1/5) |");
            assertThat(r.failures()).contains("fabric?").contains("teddy bear?").doesNotContain("seam allowance?");
        }
    }

    @Test
    void splitsAndValidates() {
        EvalDataset ds = EvalDataset.read(new ByteArrayInputStream(DATASET.getBytes(StandardCharsets.UTF_8)));
        assertThat(ds.split("dev").cases()).extracting(EvalCase::id).containsExactly("1", "5");
        assertThatThrownBy(() -> EvalDataset.read(new ByteArrayInputStream("{\"cases\":[{\"id\":\"x\",\"question\":\"q\"}]}"
                .getBytes(StandardCharsets.UTF_8)))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("lists no facts");
        assertThatThrownBy(() -> EvalDataset.read(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidRequestException.class);
    }
}
