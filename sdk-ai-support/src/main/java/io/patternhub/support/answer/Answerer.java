package io.patternhub.support.answer;

/**
 * Answers a question from the documentation, or abstains by returning an escalation. Implementations
 * are thread-safe.
 */
public interface Answerer {

    /** Answers {@code inquiry}, citing sources, or returns an escalation when it cannot answer well. */
    Answer answer(Inquiry inquiry);
}
