package io.patternhub.support.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.kb.Citation;
import java.util.List;
import java.util.Locale;

/**
 * One labelled question.
 *
 * @param id a unique id
 * @param question what the customer asks
 * @param facts text a correct answer must contain (case-insensitive, whitespace-normalised)
 * @param sources acceptable citations: a document id, optionally with {@code #page} (e.g.
 *     {@code patterns/juniper-wrap-dress.pdf#2}); a correct answer cites at least one
 * @param shouldEscalate whether the right outcome is a hand-off to a person
 * @param split {@code dev} (may be used for tuning) or {@code test} (must not be)
 */
public record EvalCase(String id, String question, List<String> facts, List<String> sources, boolean shouldEscalate,
        String split) {

    @JsonCreator
    public EvalCase(@JsonProperty("id") String id, @JsonProperty("question") String question,
            @JsonProperty("facts") List<String> facts, @JsonProperty("sources") List<String> sources,
            @JsonProperty("shouldEscalate") boolean shouldEscalate, @JsonProperty("split") String split) {
        if (id == null || id.isBlank() || question == null || question.isBlank()) {
            throw new InvalidRequestException("Every case needs an id and a question", ErrorContext.empty());
        }
        this.id = id;
        this.question = question;
        this.facts = facts == null ? List.of() : List.copyOf(facts);
        this.sources = sources == null ? List.of() : List.copyOf(sources);
        this.shouldEscalate = shouldEscalate;
        this.split = split == null ? "test" : split;
        if (!shouldEscalate && this.facts.isEmpty()) {
            throw new InvalidRequestException("Case " + id + " should be answered but lists no facts", ErrorContext.empty());
        }
    }

    /** Whether {@code text} contains every fact. */
    public boolean factsIn(String text) {
        String haystack = normalise(text);
        return facts.stream().allMatch(f -> haystack.contains(normalise(f)));
    }

    /** Whether {@code citation} is one of the acceptable sources. */
    public boolean accepts(Citation citation) {
        for (String s : sources) {
            int hash = s.indexOf('#');
            String doc = hash < 0 ? s : s.substring(0, hash);
            if (!doc.equals(citation.documentId())) {
                continue;
            }
            if (hash < 0 || Integer.parseInt(s.substring(hash + 1)) == citation.page()) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
