package io.patternhub.support.sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline review classification with a small lexicon tuned to pattern reviews ("easy to follow",
 * "pieces did not match", "runs small"). Handles negation ("not confusing"), intensifiers ("very
 * clear") and "but" (as in VADER: the clause before it weighs half, the one after it half again more). The reason lists the cues found. Thread-safe.
 */
public final class LexiconReviewClassifier implements ReviewClassifier {
    /** Cue phrase (regex, matched on lower-case text) to weight and the words used in the reason. */
    private record Cue(Pattern pattern, double weight, String label) {
    }

    private static final List<Cue> CUES = List.of(
            cue("(easy|simple) to (follow|understand|sew|knit|make)", 2, "easy to follow"),
            cue("clear (instructions|directions|photos|pictures|diagrams|charts?)|instructions (are|were) (so |very )?clear", 2, "clear instructions"),
            cue("well[- ](drafted|written|designed|explained)", 2, "well drafted"),
            cue("fits? (perfectly|great|well|beautifully)|perfect fit|great fit", 2, "good fit"),
            cue("\\b(love|loved|adore)\\b", 2, "loved it"),
            cue("\\b(great|excellent|fantastic|wonderful|amazing|awesome|brilliant|gorgeous|beautiful|lovely|perfect)\\b", 1.5, "praise"),
            cue("\\b(recommend|recommended)\\b", 1.5, "recommends it"),
            cue("\\b(fun|enjoyed|happy|pleased|thank you|thanks)\\b", 1, "happy"),
            cue("(instant|quick|fast|easy) download", 1, "easy download"),
            cue("\\b(confusing|confused|unclear|hard to follow|difficult to follow)\\b", -2, "confusing instructions"),
            cue("\\b(errors?|mistakes?|typos?|wrong)\\b", -2, "errors in the pattern"),
            cue("(pieces?|notches|seams?|markings) (did ?n[o']t|do ?n[o']t|does ?n[o']t|didn't|don't|doesn't|never) (match|line up|fit)", -2.5, "pieces did not match"),
            cue("(runs?|came out|comes out|way|much|too) (small|big|large|tight|short|long)", -1.5, "sizing off"),
            cue("(does ?n[o']t|did ?n[o']t|doesn't|didn't) fit", -2, "poor fit"),
            cue("(could ?n[o']t|could not|couldn't|can't|cannot|unable to) (download|open|print|find)", -2, "download or file problems"),
            cue("\\b(missing|incomplete)\\b", -2, "missing parts"),
            cue("\\b(waste|disappointed|disappointing|frustrating|frustrated|terrible|awful|poor|useless|annoying)\\b", -2, "disappointed"),
            cue("\\b(refund|money back)\\b", -1.5, "wants a refund"));

    private static final Pattern NEGATION = Pattern.compile("\\b(not|never|no|hardly|n't|isn't|wasn't|aren't|weren't)\\s+(\\w+\\s+){0,2}$");
    private static final Pattern INTENSIFIER = Pattern.compile("\\b(very|really|so|super|extremely|incredibly)\\s+$");
    private static final Map<Integer, Sentiment> BY_STARS = Map.of(1, Sentiment.NEGATIVE, 2, Sentiment.NEGATIVE,
            4, Sentiment.POSITIVE, 5, Sentiment.POSITIVE);

    private static Cue cue(String regex, double weight, String label) {
        return new Cue(Pattern.compile(regex), weight, label);
    }

    @Override
    public SentimentResult classify(Review review) {
        String text = review.text().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        int but = indexOfBut(text);
        double score = 0;
        List<Hit> hits = new ArrayList<>();
        for (Cue cue : CUES) {
            Matcher m = cue.pattern().matcher(text);
            while (m.find()) {
                String before = text.substring(Math.max(0, m.start() - 30), m.start());
                double w = cue.weight();
                boolean negated = NEGATION.matcher(before).find();
                if (negated) {
                    w = -w * 0.75; // "not confusing" is mildly positive, "not great" mildly negative
                }
                if (INTENSIFIER.matcher(before).find()) {
                    w *= 1.5;
                }
                if (but >= 0) {
                    w *= m.start() > but ? 1.5 : 0.5; // "nice photos but it runs small" is a complaint
                }
                score += w;
                hits.add(new Hit((negated ? "not " : "") + cue.label(), w));
            }
        }
        if (review.stars().isPresent()) {
            score += (review.stars().getAsInt() - 3) * 1.5;
        }
        Sentiment s = score >= 1 ? Sentiment.POSITIVE : score <= -1 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
        return new SentimentResult(s, reason(s, hits, review), "lexicon");
    }

    private static int indexOfBut(String text) {
        Matcher m = Pattern.compile("\\b(but|however|although|though)\\b").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private record Hit(String label, double weight) {
    }

    private static String reason(Sentiment s, List<Hit> hits, Review review) {
        List<String> labels = hits.stream()
                .filter(h -> s == Sentiment.NEUTRAL || (s == Sentiment.POSITIVE ? h.weight() > 0 : h.weight() < 0))
                .sorted(Comparator.comparingDouble((Hit h) -> -Math.abs(h.weight())))
                .map(Hit::label).distinct().limit(3).toList();
        String stars = review.stars().isPresent() ? review.stars().getAsInt() + " stars" : "";
        if (labels.isEmpty()) {
            return stars.isEmpty() ? "no clear opinion" : stars + (BY_STARS.get(review.stars().getAsInt()) == s ? "" : "; no clear opinion in the text");
        }
        return String.join("; ", labels) + (stars.isEmpty() ? "" : " (" + stars + ")");
    }
}
