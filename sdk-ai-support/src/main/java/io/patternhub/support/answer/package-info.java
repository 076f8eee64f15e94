/**
 * Answering support questions: the {@link io.patternhub.support.answer.SupportAgent}, the offline
 * {@link io.patternhub.support.answer.ExtractiveAnswerer}, escalation rules and the answer model.
 */
package io.patternhub.support.answer;
