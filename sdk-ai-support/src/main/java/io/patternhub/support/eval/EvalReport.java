package io.patternhub.support.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one evaluation run. Rates are fractions between 0 and 1.
 *
 * @param dataset the dataset name
 * @param results every case's result
 * @param k the k of retrieval recall@k
 */
public record EvalReport(String dataset, List<CaseResult> results, int k) {

    public EvalReport {
        results = List.copyOf(results);
    }

    public int total() {
        return results.size();
    }

    public long answered() {
        return results.stream().filter(r -> r.answer().answered()).count();
    }

    public long correct() {
        return results.stream().filter(CaseResult::correct).count();
    }

    public long wrong() {
        return results.stream().filter(CaseResult::wrong).count();
    }

    /** Correct answers over all questions (what a helpdesk would bill as resolved). */
    public double resolutionRate() {
        return ratio(correct(), total());
    }

    /** Correct answers over the questions that should be answered. */
    public double resolutionRateOfAnswerable() {
        return ratio(correct(), results.stream().filter(r -> !r.evalCase().shouldEscalate()).count());
    }

    /** Wrong answers over all questions. */
    public double wrongAnswerRate() {
        return ratio(wrong(), total());
    }

    /** Of the escalations made, the share that should have been escalated. */
    public double escalationPrecision() {
        long escalated = results.stream().filter(r -> r.answer().escalated()).count();
        long right = results.stream().filter(r -> r.answer().escalated() && r.evalCase().shouldEscalate()).count();
        return ratio(right, escalated);
    }

    /** Of the cases that should be escalated, the share that were. */
    public double escalationRecall() {
        long should = results.stream().filter(r -> r.evalCase().shouldEscalate()).count();
        long right = results.stream().filter(r -> r.answer().escalated() && r.evalCase().shouldEscalate()).count();
        return ratio(right, should);
    }

    /** Of the cases with acceptable sources, the share with one among the top k retrieved passages. */
    public double retrievalRecallAtK() {
        List<CaseResult> withSources = results.stream().filter(r -> !r.evalCase().sources().isEmpty()).toList();
        return ratio(withSources.stream().filter(CaseResult::retrievedAcceptableSource).count(), withSources.size());
    }

    /** The latency percentile in milliseconds (e.g. 50 or 95). */
    public double latencyMillis(int percentile) {
        long[] sorted = results.stream().mapToLong(CaseResult::nanos).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }

    public double meanLatencyMillis() {
        return Arrays.stream(results.stream().mapToLong(CaseResult::nanos).toArray()).average().orElse(0) / 1e6;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** A Markdown table of the figures. */
    public String toMarkdown() {
        long shouldEscalate = results.stream().filter(r -> r.evalCase().shouldEscalate()).count();
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(dataset).append(" | value |\n|---|---|\n");
        row(sb, "questions (should escalate)", total() + " (" + shouldEscalate + ")");
        row(sb, "resolution rate (answered and correct / all)", pct(resolutionRate()) + " (" + correct() + "/" + total() + ")");
        row(sb, "resolution rate on answerable questions", pct(resolutionRateOfAnswerable()));
        row(sb, "wrong-answer rate (answered and wrong / all)", pct(wrongAnswerRate()) + " (" + wrong() + ")");
        row(sb, "escalation precision", pct(escalationPrecision()));
        row(sb, "escalation recall", pct(escalationRecall()));
        row(sb, "retrieval recall@" + k, pct(retrievalRecallAtK()));
        row(sb, "latency p50 / p95 (ms)", String.format(Locale.ROOT, "%.1f / %.1f", latencyMillis(50), latencyMillis(95)));
        return sb.toString();
    }

    /** One line per case that was not handled right, for error analysis. */
    public String failures() {
        StringBuilder sb = new StringBuilder();
        for (CaseResult r : results) {
            boolean ok = r.evalCase().shouldEscalate() ? r.answer().escalated() : r.correct();
            if (!ok) {
                sb.append(r.evalCase().id()).append(" [").append(r.evalCase().split()).append("] ")
                        .append(r.evalCase().question()).append("\n   -> ")
                        .append(r.answer().escalated() ? "ESCALATED " + r.answer().escalation().get().reason()
                                : "ANSWERED: " + r.answer().text().replace('\n', ' '))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
