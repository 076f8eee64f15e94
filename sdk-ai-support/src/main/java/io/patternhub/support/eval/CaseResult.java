package io.patternhub.support.eval;

import io.patternhub.support.answer.Answer;

/**
 * How one case went.
 *
 * @param evalCase the case
 * @param answer what the assistant replied
 * @param correct answered (not escalated), containing every fact, citing an acceptable source
 * @param retrievedAcceptableSource whether an acceptable source was among the top-k retrieved passages
 * @param nanos how long the assistant took
 */
public record CaseResult(EvalCase evalCase, Answer answer, boolean correct, boolean retrievedAcceptableSource,
        long nanos) {

    /** Answered, but not correctly. */
    public boolean wrong() {
        return answer.answered() && !correct;
    }
}
