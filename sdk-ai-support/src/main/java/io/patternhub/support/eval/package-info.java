/** Evaluation: labelled datasets, a runner and its report (resolution, wrong answers, escalation, recall@k). */
package io.patternhub.support.eval;
