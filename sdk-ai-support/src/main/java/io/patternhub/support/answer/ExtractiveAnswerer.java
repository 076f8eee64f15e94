package io.patternhub.support.answer;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.kb.Citation;
import io.patternhub.support.kb.Passage;
import io.patternhub.support.kb.Retriever;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.kb.internal.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers without any language model: it retrieves passages, quotes the sentences that best match
 * the question, and cites where they come from. When the best passage covers too little of the
 * question (see {@link Builder#minCoverage}) it abstains and escalates instead of guessing.
 * Thread-safe.
 */
public final class ExtractiveAnswerer implements Answerer {
    private static final Pattern QUANTITY_QUESTION = Pattern.compile(
            "\\bhow\\s+(much|many|long|big|wide|tall|large|far)\\b|\\bwhat\\s+(\\w+\\s+)?(size|length|width|height)s?\\b"
                    + "|\\bmeasurements?\\b|\\bgauge\\b|\\byardage\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGIT = Pattern.compile("\\d");
    /** Passages scoring below this share of the best one are not quoted. */
    private static final double PASSAGE_SCORE_RATIO = 0.65;
    private static final int MAX_PASSAGES = 4;
    /** Sentences scoring below this share of the best sentence are not quoted. */
    private static final double SENTENCE_SCORE_RATIO = 0.6;
    /** "How much/many..." questions want numbers: sentences with digits weigh this much more. */
    private static final double QUANTITY_BOOST = 1.5;
    /** Weight left to a question term that every quoted passage contains. */
    private static final double COMMON_TERM_FACTOR = 0.2;

    private final Retriever retriever;
    private final int candidates;
    private final double minCoverage;
    private final int maxSentences;

    private ExtractiveAnswerer(Builder b) {
        this.retriever = b.retriever;
        this.candidates = b.candidates;
        this.minCoverage = b.minCoverage;
        this.maxSentences = b.maxSentences;
    }

    /** A builder over this retriever, with the calibrated defaults. */
    public static Builder builder(Retriever retriever) {
        return new Builder(retriever);
    }

    @Override
    public Answer answer(Inquiry inquiry) {
        String question = inquiry.text();
        List<ScoredPassage> found = retriever.retrieve(question, candidates);
        if (found.isEmpty() || found.get(0).queryCoverage() < minCoverage) {
            String why = found.isEmpty() ? "no passage matched"
                    : String.format(Locale.ROOT, "best passage covers %.0f%% of the question, below the %.0f%% needed",
                            100 * found.get(0).queryCoverage(), 100 * minCoverage);
            return Answer.escalated(Summaries.escalation(inquiry, EscalationReason.NOT_IN_DOCUMENTATION, why,
                    found.subList(0, Math.min(3, found.size()))));
        }
        Map<String, Double> weights = retriever.termWeights(question);
        boolean wantsQuantity = QUANTITY_QUESTION.matcher(question).find();
        double bestScore = found.get(0).score();
        List<ScoredPassage> used = found.stream()
                .filter(sp -> sp.queryCoverage() >= minCoverage && sp.score() >= PASSAGE_SCORE_RATIO * bestScore)
                .limit(MAX_PASSAGES)
                .toList();
        // A question term found in every quoted passage (typically the pattern's name) picked the
        // passages but cannot tell which sentence answers; terms found in few of them can.
        List<Set<String>> passageTerms = used.stream()
                .map(sp -> retriever.terms(sp.passage().citation().title() + "\n" + sp.passage().citation().section()
                        + "\n" + sp.passage().text()))
                .toList();
        Map<String, Double> localWeight = new HashMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            long containing = passageTerms.stream().filter(ts -> ts.contains(e.getKey())).count();
            double share = (double) containing / used.size();
            localWeight.put(e.getKey(), e.getValue() * (1 - (1 - COMMON_TERM_FACTOR) * share));
        }
        List<Candidate> sentences = new ArrayList<>();
        for (int rank = 0; rank < used.size(); rank++) {
            Passage passage = used.get(rank).passage();
            List<String> split = Sentences.split(passage.text());
            double carried = 0;
            for (int pos = 0; pos < split.size(); pos++) {
                String sentence = split.get(pos);
                double score = 0;
                for (String t : retriever.terms(sentence)) {
                    score += localWeight.getOrDefault(t, 0.0);
                }
                if (wantsQuantity && DIGIT.matcher(sentence).find()) {
                    score *= QUANTITY_BOOST;
                }
                if (sentence.endsWith("?")) {
                    // A question in a FAQ is not an answer: its match carries to the sentence after it.
                    carried = score;
                    score = 0;
                } else {
                    score = Math.max(score, carried);
                    carried = 0;
                }
                sentences.add(new Candidate(rank, pos, sentence, score));
            }
        }
        double top = sentences.stream().mapToDouble(Candidate::overlap).max().orElse(0);
        List<Candidate> picked = new ArrayList<>(sentences.stream()
                .filter(c -> c.overlap() > 0 && c.overlap() >= top * SENTENCE_SCORE_RATIO)
                .sorted(Comparator.comparingDouble(Candidate::overlap).reversed()
                        .thenComparingInt(Candidate::rank).thenComparingInt(Candidate::position))
                .limit(maxSentences)
                .toList());
        if (picked.isEmpty()) {
            // The passage matched through its title or heading only: quote its opening instead.
            picked.add(sentences.get(0));
        }
        // The sentence after the best one often completes it ("... is included. It is 1.5 cm.").
        Candidate first = picked.get(0);
        sentences.stream()
                .filter(c -> c.rank() == first.rank() && c.position() == first.position() + 1 && !c.text().endsWith("?"))
                .findFirst()
                .filter(next -> picked.size() < maxSentences && !picked.contains(next))
                .ifPresent(picked::add);
        List<Candidate> chosen = picked.stream()
                .sorted(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::position))
                .toList();
        Set<Citation> citations = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (Candidate c : chosen) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(c.text().startsWith("- ") ? c.text().substring(2) : c.text());
            citations.add(used.get(c.rank()).passage().citation());
        }
        text.append("\n\n").append(citations.size() == 1 ? "Source: " : "Sources: ");
        text.append(String.join("; ", citations.stream().map(Citation::label).toList()));
        return Answer.answered(text.toString(), List.copyOf(citations));
    }

    private record Candidate(int rank, int position, String text, double overlap) {
    }

    /** Builds an {@link ExtractiveAnswerer}. */
    public static final class Builder {
        private final Retriever retriever;
        private int candidates = 5;
        private double minCoverage = 0.6;
        private int maxSentences = 3;

        private Builder(Retriever retriever) {
            this.retriever = Objects.requireNonNull(retriever, "retriever");
        }

        /** How many passages to retrieve (default 5). */
        public Builder candidates(int candidates) {
            if (candidates < 1) {
                throw new InvalidRequestException("candidates must be at least 1", ErrorContext.empty());
            }
            this.candidates = candidates;
            return this;
        }

        /**
         * The idf-weighted share of the question's terms the best passage must contain before the
         * answerer answers (default 0.6, chosen on the dev half of the sample dataset; see the README).
         */
        public Builder minCoverage(double minCoverage) {
            if (minCoverage < 0 || minCoverage > 1) {
                throw new InvalidRequestException("minCoverage must be within [0, 1]", ErrorContext.empty());
            }
            this.minCoverage = minCoverage;
            return this;
        }

        /** The most sentences quoted in one answer (default 3). */
        public Builder maxSentences(int maxSentences) {
            if (maxSentences < 1) {
                throw new InvalidRequestException("maxSentences must be at least 1", ErrorContext.empty());
            }
            this.maxSentences = maxSentences;
            return this;
        }

        public ExtractiveAnswerer build() {
            return new ExtractiveAnswerer(this);
        }
    }
}
