package io.patternhub.support.eval;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.answer.Answer;
import io.patternhub.support.answer.Inquiry;
import io.patternhub.support.kb.Retriever;
import io.patternhub.support.kb.ScoredPassage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs a dataset through an assistant and scores it: resolution rate, wrong-answer rate, escalation
 * precision and recall, retrieval recall@k and latency.
 */
public final class EvalRunner {
    private final Function<Inquiry, Answer> assistant;
    private final Retriever retriever;
    private final int k;
    private final LongSupplier nanoTicker;

    private EvalRunner(Builder b) {
        this.assistant = Objects.requireNonNull(b.assistant, "assistant");
        this.retriever = Objects.requireNonNull(b.retriever, "retriever");
        this.k = b.k;
        this.nanoTicker = b.nanoTicker;
    }

    public static Builder builder() {
        return new Builder();
    }

    public EvalReport run(EvalDataset dataset) {
        List<CaseResult> results = new ArrayList<>();
        for (EvalCase c : dataset.cases()) {
            long start = nanoTicker.getAsLong();
            Answer answer = assistant.apply(Inquiry.of(c.question()));
            long nanos = nanoTicker.getAsLong() - start;
            boolean correct = answer.answered() && !c.shouldEscalate() && c.factsIn(answer.text())
                    && (c.sources().isEmpty() || answer.citations().stream().anyMatch(c::accepts));
            boolean retrieved = false;
            if (!c.sources().isEmpty()) {
                for (ScoredPassage sp : retriever.retrieve(c.question(), k)) {
                    retrieved |= c.accepts(sp.passage().citation());
                }
            }
            results.add(new CaseResult(c, answer, correct, retrieved, nanos));
        }
        return new EvalReport(dataset.name(), results, k);
    }

    /** Builds an {@link EvalRunner}. */
    public static final class Builder {
        private Function<Inquiry, Answer> assistant;
        private Retriever retriever;
        private int k = 5;
        private LongSupplier nanoTicker = System::nanoTime;

        private Builder() {
        }

        /** What answers the questions, e.g. {@code agent::handle}. */
        public Builder assistant(Function<Inquiry, Answer> assistant) {
            this.assistant = assistant;
            return this;
        }

        /** The retriever whose recall@k is measured. */
        public Builder retriever(Retriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /** The k of recall@k (default 5). */
        public Builder k(int k) {
            if (k < 1) {
                throw new InvalidRequestException("k must be at least 1", ErrorContext.empty());
            }
            this.k = k;
            return this;
        }

        /** The clock latency is measured with (default {@link System#nanoTime}). */
        public Builder nanoTicker(LongSupplier nanoTicker) {
            this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
            return this;
        }

        public EvalRunner build() {
            return new EvalRunner(this);
        }
    }
}
