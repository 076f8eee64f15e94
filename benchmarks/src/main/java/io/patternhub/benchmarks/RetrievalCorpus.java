package io.patternhub.benchmarks;

import io.patternhub.support.eval.EvalCase;
import io.patternhub.support.eval.EvalDataset;
import io.patternhub.support.kb.DocumentFormat;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.Passage;
import io.patternhub.support.kb.SourceDocument;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Generated documentation corpora and questions for {@link RetrievalBench}: a realistic one built from the
 * real sample documentation, and the old worst case with a ~100-word vocabulary. Deterministic (fixed seeds).
 */
final class RetrievalCorpus {
    /** Largest passage of the knowledge base's default chunker; generated sections stay below it. */
    private static final int CHUNK_CHARS = 800;
    /** Vocabulary size and Zipf exponent of the realistic corpus. */
    static final int VOCABULARY = 40_000;
    static final double ZIPF_S = 1.05;
    /** Share of a document's words drawn from its own topic words (documents repeat their own terms). */
    private static final double TOPIC_SHARE = 0.15;
    private static final int TOPIC_WORDS = 40;
    private static final int SECTIONS_PER_DOCUMENT = 20;
    private static final String[] GARMENTS = {"dress", "shirt", "tote", "sweater", "hat", "cardigan", "shawl",
        "pinafore", "skirt", "jacket", "trousers", "blouse", "socks", "mittens", "blanket", "vest", "coat", "bag"};
    private static final String[] SYLLABLES = {"ba", "be", "bri", "ca", "co", "da", "del", "fa", "fen", "ga", "ha",
        "ka", "la", "lin", "ma", "mer", "na", "no", "pa", "per", "ra", "ren", "sa", "sel", "ta", "tor", "va", "ve",
        "wil", "za", "mo", "ri", "lo", "ni", "ku", "tha", "shi", "dro", "glen", "ost"};

    /** The documents, and the questions to time against them. */
    record Corpus(String name, List<SourceDocument> documents, List<String> questions, String description) {
    }

    private RetrievalCorpus() {
    }

    // ------------------------------------------------------------------ realistic

    /**
     * About {@code chunks} passages: the 18 real sample documents, plus generated pattern documentation whose
     * words follow a Zipf law over a {@value #VOCABULARY}-word vocabulary (the real sample text's words by
     * their real frequency, then generated words), whose section headings are real headings, and whose
     * section lengths are drawn from the real passages' lengths. Questions are the 76 labelled questions,
     * cycled, with about a third of their content words swapped for words of a generated document.
     *
     * @param examplesCatalog the examples' {@code sample-catalog} folder (its {@code pattern.yaml} texts join the
     *     real text)
     */
    static Corpus realistic(int chunks, int queries, Path examplesCatalog) {
        List<String> realTexts = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int samplePassages = 0;
        try (KnowledgeBase sample = KnowledgeBase.builder().build()) {
            sample.sync(SampleKnowledgeBase.documents());
            for (String id : sample.documentIds()) {
                for (Passage p : sample.passages(id)) {
                    realTexts.add(p.citation().title() + " " + p.citation().section() + " " + p.text());
                    if (!p.citation().section().isBlank()) {
                        headings.add(p.citation().section());
                    }
                    lengths.add(p.text().length());
                    samplePassages++;
                }
            }
        }
        int yamlFiles = 0;
        try (Stream<Path> files = Files.walk(examplesCatalog)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("pattern.yaml")).sorted().toList()) {
                realTexts.add(Files.readString(f, StandardCharsets.UTF_8));
                yamlFiles++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the examples' sample catalog at " + examplesCatalog
                    + " (run the benchmark from the repository through Maven)", e);
        }
        if (yamlFiles == 0) {
            throw new IllegalStateException("No pattern.yaml under " + examplesCatalog);
        }
        String[] vocabulary = vocabulary(realTexts);
        int realWords = realVocabularySize(realTexts);
        double[] cumulative = zipfCumulative(vocabulary.length, ZIPF_S);

        Random r = new Random(42);
        List<SourceDocument> docs = new ArrayList<>(SampleKnowledgeBase.documents());
        List<List<String>> topics = new ArrayList<>();
        int remaining = chunks - samplePassages;
        int d = 0;
        long chars = 0;
        while (remaining > 0) {
            int sections = Math.min(remaining, SECTIONS_PER_DOCUMENT);
            String name = capitalize(syntheticWord(r, 2 + r.nextInt(2)));
            String garment = GARMENTS[r.nextInt(GARMENTS.length)];
            List<String> topic = new ArrayList<>();
            topic.add(name.toLowerCase(Locale.ROOT));
            topic.add(garment);
            for (int i = 0; i < TOPIC_WORDS; i++) {
                // Topic words come from the middle and tail of the vocabulary: rarer than function words.
                topic.add(vocabulary[100 + r.nextInt(vocabulary.length - 100)]);
            }
            topics.add(topic);
            StringBuilder md = new StringBuilder("# ").append(name).append(' ').append(capitalize(garment))
                    .append(" - Instructions\n\n");
            for (int s = 0; s < sections; s++) {
                md.append("## ").append(headings.get(r.nextInt(headings.size()))).append("\n\n");
                int target = Math.max(80, Math.min(CHUNK_CHARS - 40, lengths.get(r.nextInt(lengths.size()))));
                String text = sectionText(r, target, vocabulary, cumulative, topic);
                chars += text.length();
                md.append(text).append("\n\n");
            }
            docs.add(SourceDocument.of("generated/pattern-" + d + ".md", DocumentFormat.MARKDOWN,
                    md.toString().getBytes(StandardCharsets.UTF_8)));
            remaining -= sections;
            d++;
        }
        List<String> questions = realisticQuestions(queries, topics, new Random(7));
        String description = String.format(Locale.ROOT, "realistic: %d real sample documents (%d passages) + %,d"
                + " generated documents of up to %d sections; Zipf s=%.2f over %,d words (%,d real words from the"
                + " sample KB and %d examples pattern.yaml files, then generated words); generated section text"
                + " averages %.0f chars (lengths drawn from the real passages); questions: the 76 labelled"
                + " questions cycled, ~1/3 of content words swapped for a generated document's words",
                SampleKnowledgeBase.documents().size(), samplePassages, d, SECTIONS_PER_DOCUMENT, ZIPF_S,
                vocabulary.length, realWords, yamlFiles, chars / (double) Math.max(1, chunks - samplePassages));
        return new Corpus("realistic", docs, questions, description);
    }

    /** Lower-cased words of the real text, most frequent first, then generated words up to the vocabulary size. */
    private static String[] vocabulary(List<String> realTexts) {
        Map<String, Integer> counts = wordCounts(realTexts);
        List<String> real = new ArrayList<>(counts.keySet());
        real.sort((a, b) -> counts.get(b) - counts.get(a) != 0 ? counts.get(b) - counts.get(a) : a.compareTo(b));
        Set<String> used = new HashSet<>(real);
        String[] out = new String[VOCABULARY];
        // The 200 most frequent real words (function words, core domain terms) keep their ranks; the rest of
        // the real words are spread over every 4th rank among generated words, as in a larger documentation set.
        Random r = new Random(3);
        int next = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            boolean realSlot = rank < 200 || (rank - 200) % 4 == 0;
            if (realSlot && next < real.size()) {
                out[rank] = real.get(next++);
            } else {
                String w;
                do {
                    w = syntheticWord(r, 2 + r.nextInt(3));
                } while (!used.add(w));
                out[rank] = w;
            }
        }
        return out;
    }

    private static int realVocabularySize(List<String> realTexts) {
        return wordCounts(realTexts).size();
    }

    private static Map<String, Integer> wordCounts(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String t : texts) {
            for (String w : t.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    counts.merge(w, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static double[] zipfCumulative(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static String zipfWord(Random r, String[] vocabulary, double[] cumulative) {
        int i = Arrays.binarySearch(cumulative, r.nextDouble());
        return vocabulary[Math.min(vocabulary.length - 1, i >= 0 ? i : -i - 1)];
    }

    /** Paragraphs of 2-4 sentences of 6-18 words, about {@code target} characters, never above the chunk size. */
    private static String sectionText(Random r, int target, String[] vocabulary, double[] cumulative,
            List<String> topic) {
        StringBuilder text = new StringBuilder();
        int inParagraph = 0;
        int paragraphLength = 2 + r.nextInt(3);
        while (text.length() < target) {
            StringBuilder sentence = new StringBuilder();
            int words = 6 + r.nextInt(13);
            for (int i = 0; i < words; i++) {
                String w = r.nextDouble() < TOPIC_SHARE ? topic.get(r.nextInt(topic.size()))
                        : zipfWord(r, vocabulary, cumulative);
                sentence.append(i == 0 ? capitalize(w) : " " + w);
            }
            sentence.append('.');
            int sep = text.length() == 0 ? 0 : inParagraph == 0 ? 2 : 1;
            if (text.length() + sep + sentence.length() > CHUNK_CHARS - 20) {
                break;
            }
            text.append(sep == 2 ? "\n\n" : sep == 1 ? " " : "").append(sentence);
            if (++inParagraph == paragraphLength) {
                inParagraph = 0;
                paragraphLength = 2 + r.nextInt(3);
            }
        }
        return text.length() == 0 ? "Notes." : text.toString();
    }

    private static List<String> realisticQuestions(int n, List<List<String>> topics, Random r) {
        List<String> labelled = new ArrayList<>();
        for (EvalCase c : EvalDataset.read(SampleKnowledgeBase.dataset()).cases()) {
            labelled.add(c.question());
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String q = labelled.get(i % labelled.size());
            if (i < labelled.size()) {
                out.add(q); // every labelled question once, verbatim
                continue;
            }
            List<String> topic = topics.get(r.nextInt(topics.size()));
            StringBuilder sb = new StringBuilder();
            for (String token : q.split(" ")) {
                String word = token.replaceAll("[^\\p{L}\\p{N}]", "");
                boolean content = word.length() > 3 && !Character.isDigit(word.charAt(0));
                if (content && r.nextDouble() < 0.35) {
                    token = token.replace(word, topic.get(r.nextInt(topic.size())));
                }
                sb.append(sb.length() == 0 ? "" : " ").append(token);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String syntheticWord(Random r, int syllables) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    private static String capitalize(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    // ------------------------------------------------------------------ worst case (the original corpus)

    private static final String[] WORDS = ("yoke raglan sleeve cuff hem ribbing gauge swatch needle hook yarn worsted"
            + " aran fingering merino alpaca cotton linen seam dart pleat bodice collar placket buttonhole zipper"
            + " facing interfacing bias binding selvage grain notch lining waistband pocket gusset heel toe cast bind"
            + " purl knit stitch chart repeat increase decrease short rows blocking steam press pattern printing"
            + " projector copy shop layers a4 letter size range ease bust waist hip inseam").split(" ");

    /**
     * The original benchmark corpus: 20 sections per document, every word from the same ~100 sewing and
     * knitting words, so every query term matches a large share of all passages. Questions: "How do I" and
     * 2-6 of those words.
     */
    static Corpus worstCase(int chunks, int queries) {
        int documents = Math.max(1, chunks / SECTIONS_PER_DOCUMENT);
        List<SourceDocument> docs = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            Random r = new Random(d);
            StringBuilder sb = new StringBuilder("# Pattern ").append(d).append(" instructions\n\n");
            for (int s = 0; s < SECTIONS_PER_DOCUMENT; s++) {
                sb.append("## ").append(words(r, 3)).append("\n\n");
                sb.append(words(r, 45)).append(".\n\n").append(words(r, 40)).append(".\n\n");
            }
            docs.add(SourceDocument.of("pattern-" + d + ".md", DocumentFormat.MARKDOWN,
                    sb.toString().getBytes(StandardCharsets.UTF_8)));
        }
        Random r = new Random(-1);
        List<String> questions = new ArrayList<>(queries);
        for (int i = 0; i < queries; i++) {
            questions.add("How do I " + words(r, 2 + r.nextInt(5)) + "?");
        }
        Set<String> vocabulary = new LinkedHashSet<>(Arrays.asList(WORDS));
        return new Corpus("worst case", docs, questions, String.format(Locale.ROOT, "worst case (the original"
                + " corpus): %,d documents x %d sections, words drawn uniformly from %d sewing/knitting words;"
                + " questions \"How do I\" + 2-6 of those words", documents, SECTIONS_PER_DOCUMENT,
                vocabulary.size()));
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
