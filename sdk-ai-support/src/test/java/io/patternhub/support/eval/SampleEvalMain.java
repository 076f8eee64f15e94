package io.patternhub.support.eval;

import io.patternhub.support.answer.ExtractiveAnswerer;
import io.patternhub.support.answer.SupportAgent;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.sample.SampleKnowledgeBase;

/**
 * Prints the offline answerer's figures on the sample dataset (the README table comes from here).
 * Arguments: split ({@code dev}, {@code test} or {@code all}), minCoverage, and any third argument to
 * list the failures.
 */
public final class SampleEvalMain {
    private SampleEvalMain() {
    }

    public static void main(String[] args) {
        String split = args.length > 0 ? args[0] : "all";
        double coverage = args.length > 1 ? Double.parseDouble(args[1]) : 0.6;
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            kb.sync(SampleKnowledgeBase.documents());
            SupportAgent agent = SupportAgent.builder().retriever(kb)
                    .answerer(ExtractiveAnswerer.builder(kb).minCoverage(coverage).build()).build();
            EvalDataset ds = EvalDataset.read(SampleKnowledgeBase.dataset());
            EvalReport report = EvalRunner.builder().assistant(agent::handle).retriever(kb).build()
                    .run(split.equals("all") ? ds : ds.split(split));
            System.out.println(report.toMarkdown());
            if (args.length > 2) {
                System.out.println(report.failures());
            }
        }
    }
}
