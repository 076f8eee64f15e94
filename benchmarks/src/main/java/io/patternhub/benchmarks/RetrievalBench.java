package io.patternhub.benchmarks;

import io.patternhub.support.kb.DocumentFormat;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.SourceDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Support retrieval latency: p50/p95 of {@link KnowledgeBase#retrieve} (top 5) over generated pattern
 * documentation of about N chunks (one chunk per section), against the same queries over a knowledge base one
 * hundredth the size built the same way. Arguments: {@code [chunks] [queries]} (defaults 50,000 and 2,000).
 */
public final class RetrievalBench {
    private static final String[] WORDS = ("yoke raglan sleeve cuff hem ribbing gauge swatch needle hook yarn worsted"
            + " aran fingering merino alpaca cotton linen seam dart pleat bodice collar placket buttonhole zipper"
            + " facing interfacing bias binding selvage grain notch lining waistband pocket gusset heel toe cast bind"
            + " purl knit stitch chart repeat increase decrease short rows blocking steam press pattern printing"
            + " projector copy shop layers a4 letter size range ease bust waist hip inseam").split(" ");
    private static final int SECTIONS_PER_DOCUMENT = 20;

    private RetrievalBench() {
    }

    /**
     * Runs the benchmark and prints both latency distributions and their ratio.
     *
     * @param args optional chunk and query counts
     */
    public static void main(String[] args) {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<String> questions = questions(queries);
        double[] small = measure(Math.max(SECTIONS_PER_DOCUMENT, chunks / 100), questions);
        double[] large = measure(chunks, questions);
        System.out.printf("  ratio p95 large / small: %.2f (target p95 < 10 ms)%n", large[1] / small[1]);
    }

    private static double[] measure(int chunks, List<String> questions) {
        int documents = Math.max(1, chunks / SECTIONS_PER_DOCUMENT);
        try (KnowledgeBase kb = KnowledgeBase.builder().build()) {
            long start = System.nanoTime();
            List<SourceDocument> docs = new ArrayList<>();
            for (int d = 0; d < documents; d++) {
                docs.add(SourceDocument.of("pattern-" + d + ".md", DocumentFormat.MARKDOWN, document(d)));
            }
            kb.sync(docs);
            long indexMs = (System.nanoTime() - start) / 1_000_000;
            long passages = kb.documentIds().stream().mapToLong(id -> kb.passages(id).size()).sum();

            for (String q : questions) { // warm-up
                kb.retrieve(q, 5);
            }
            long[] nanos = new long[questions.size()];
            int hits = 0;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                hits += kb.retrieve(questions.get(i), 5).size();
                nanos[i] = System.nanoTime() - t;
            }
            if (hits == 0) {
                throw new IllegalStateException("no query found anything");
            }
            Arrays.sort(nanos);
            double p50 = nanos[nanos.length / 2] / 1e6;
            double p95 = nanos[(int) (nanos.length * 0.95)] / 1e6;
            System.out.printf("retrieval over %,d passages (%,d documents, indexed in %,d ms): p50 %.3f ms, p95 %.3f ms%n",
                    passages, documents, indexMs, p50, p95);
            return new double[] {p50, p95};
        }
    }

    private static byte[] document(int d) {
        Random r = new Random(d);
        StringBuilder sb = new StringBuilder("# Pattern ").append(d).append(" instructions\n\n");
        for (int s = 0; s < SECTIONS_PER_DOCUMENT; s++) {
            sb.append("## ").append(words(r, 3)).append("\n\n");
            sb.append(words(r, 45)).append(".\n\n").append(words(r, 40)).append(".\n\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> questions(int n) {
        Random r = new Random(-1);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("How do I " + words(r, 2 + r.nextInt(5)) + "?");
        }
        return out;
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
