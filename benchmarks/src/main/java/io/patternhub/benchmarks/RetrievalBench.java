package io.patternhub.benchmarks;

import io.patternhub.support.kb.IngestReport;
import io.patternhub.support.kb.KnowledgeBase;
import io.patternhub.support.kb.ScoredPassage;
import io.patternhub.support.kb.internal.PassageQuery;
import io.patternhub.support.kb.internal.QueryTerms;
import io.patternhub.support.kb.internal.SupportAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;

/**
 * Support retrieval latency of {@link KnowledgeBase#retrieve} (top 5) over about N passages, on two corpora:
 * realistic generated pattern documentation, and the original worst case (a ~100-word vocabulary). Each corpus
 * is indexed on disk; the same-run baselines read the same index files: the old query path (verbatim) and
 * search-only variants that show what each change is worth. Every query runs once through every variant as a
 * warm-up, then once more timed; the variants take turns per query (rotating order), so machine load hits all
 * alike. The runner checks that the new path returns the same passages, scores and coverage as the old one.
 *
 * <p>Arguments: {@code [chunks] [queries] [corpus]} (defaults 50,000, 2,000, {@code both}; corpus is
 * {@code realistic}, {@code worst} or {@code both}). Reads the examples' sample catalog from
 * {@code ../examples/...} (Maven runs it in {@code benchmarks/}); {@code -Dretrieval.catalog=} overrides.
 */
public final class RetrievalBench {
    private static final int K = 5;
    private static final String CATALOG = "../examples/src/main/resources/io/patternhub/examples/sample-catalog";

    private RetrievalBench() {
    }

    /** One way of answering a query, timed by the runner; returns something the JIT cannot discard. */
    private interface Variant {
        long run(String query) throws IOException;
    }

    private record Named(String name, Variant variant) {
    }

    /**
     * Runs the benchmark and prints every figure with its ratio against the old query path.
     *
     * @param args optional chunk count, query count and corpus
     * @throws IOException when the temporary index cannot be written
     */
    public static void main(String[] args) throws IOException {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String which = args.length > 2 ? args[2] : "both";
        System.out.println("jvm args: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("load average at start: " + loadAverage());
        System.out.printf(Locale.ROOT, "retrieval: %,d chunks, %,d queries, top %d, corpus %s%n", chunks, queries, K, which);
        if (!which.equals("worst")) {
            Path catalog = Path.of(System.getProperty("retrieval.catalog", CATALOG));
            run(RetrievalCorpus.realistic(chunks, queries, catalog));
        }
        if (!which.equals("realistic")) {
            run(RetrievalCorpus.worstCase(chunks, queries));
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private static void run(RetrievalCorpus.Corpus corpus) throws IOException {
        System.out.println();
        System.out.println("== corpus " + corpus.description());
        Path dir = Files.createTempDirectory("retrieval-bench");
        try (KnowledgeBase kb = KnowledgeBase.builder().indexDirectory(dir).build()) {
            long start = System.nanoTime();
            IngestReport report = kb.sync(corpus.documents());
            long indexMs = (System.nanoTime() - start) / 1_000_000;
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                IndexSearcher searcher = new IndexSearcher(reader);
                RetrievalLegacyPath old = new RetrievalLegacyPath(searcher);
                SupportAnalyzer analyzer = new SupportAnalyzer();
                System.out.printf(Locale.ROOT, "%,d passages in %,d documents, indexed in %,d ms; %d segments;"
                        + " %,d distinct terms in passage text%n", report.passages(), corpus.documents().size(),
                        indexMs, reader.leaves().size(), distinctTerms(reader, "text"));
                describeQueries(corpus.questions(), old, report.passages());
                List<Named> variants = List.of(
                        new Named("old path (before): kind filter, exact count to 1,000, coverage by re-analysis",
                                q -> old.retrieve(q, K).size()),
                        new Named("new path: KnowledgeBase.retrieve", q -> kb.retrieve(q, K).size()),
                        new Named("search only, old query, exhaustive (every match scored)",
                                q -> old.search(q, K, true, Integer.MAX_VALUE)),
                        new Named("search only, old query, exact count to 1,000 (Lucene default)",
                                q -> old.search(q, K, true, 1_000)),
                        new Named("search only, new query (no filter), exact count to 1,000",
                                q -> old.search(q, K, false, 1_000)),
                        new Named("search only, new query, exact count to k=5",
                                q -> old.search(q, K, false, K)),
                        new Named("search only, query as the new path builds it (only the fields holding each"
                                + " term, lookups reused), Lucene's scorer: bounds per term", q -> luceneScored(searcher, analyzer, q)),
                        new Named("search only, as the new path: + pruning with bounds per field (SumOfDisMaxQuery)",
                                q -> old.searchAsNewPath(q, K)));
                checkSameAnswers(corpus.questions(), kb, old);
                measure(corpus.questions(), variants);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Search only, the new path's query scored by Lucene's own bulk scorer (the path before per-field pruning):
     * each term's fields are one disjunction, bounded by its best field.
     */
    private static long luceneScored(IndexSearcher searcher, SupportAnalyzer analyzer, String query) throws IOException {
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return 0;
        }
        QueryTerms lookedUp = QueryTerms.lookUp(searcher, terms);
        Map<String, Double> searchable = new LinkedHashMap<>(lookedUp.idf());
        searchable.keySet().removeIf(t -> !lookedUp.occurs(t));
        if (searchable.isEmpty()) {
            return 0;
        }
        return searcher.search(PassageQuery.build(searchable, lookedUp).asBooleanQuery(),
                new TopScoreDocCollectorManager(K, null, K)).totalHits.value;
    }

    /** The new path must return exactly what the old one did; tie order at equal scores is all that may differ. */
    private static void checkSameAnswers(List<String> questions, KnowledgeBase kb, RetrievalLegacyPath old)
            throws IOException {
        int identical = 0;
        int tiesOnly = 0;
        int different = 0;
        String firstDifference = null;
        for (String q : questions) {
            List<ScoredPassage> expected = old.retrieve(q, K);
            List<ScoredPassage> actual = kb.retrieve(q, K);
            if (expected.equals(actual)) {
                identical++;
            } else if (sameUpToTies(expected, actual)) {
                tiesOnly++;
            } else {
                different++;
                if (firstDifference == null) {
                    firstDifference = q + "\n  old: " + summary(expected) + "\n  new: " + summary(actual);
                }
            }
        }
        System.out.printf(Locale.ROOT, "answers new vs old path: %,d identical, %,d differing only among equal"
                + " scores, %,d different%n", identical, tiesOnly, different);
        if (different > 0) {
            throw new IllegalStateException("The new query path changed answers, e.g. " + firstDifference);
        }
    }

    private static boolean sameUpToTies(List<ScoredPassage> a, List<ScoredPassage> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).score() != b.get(i).score()) {
                return false;
            }
        }
        Comparator<ScoredPassage> order = Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparing(sp -> sp.passage().id());
        List<ScoredPassage> sa = new ArrayList<>(a);
        List<ScoredPassage> sb = new ArrayList<>(b);
        sa.sort(order);
        sb.sort(order);
        double last = a.isEmpty() ? 0 : a.get(a.size() - 1).score();
        for (int i = 0; i < sa.size(); i++) {
            // Among passages tied at the cut-off score, which ones make the top k depends on doc ids.
            if (sa.get(i).score() != last && !sa.get(i).equals(sb.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String summary(List<ScoredPassage> list) {
        StringBuilder sb = new StringBuilder();
        for (ScoredPassage sp : list) {
            sb.append(String.format(Locale.ROOT, "%s %.4f cov %.3f; ", sp.passage().id(), sp.score(), sp.queryCoverage()));
        }
        return sb.toString();
    }

    private static void measure(List<String> questions, List<Named> variants) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        if (cpu) {
            threads.setThreadCpuTimeEnabled(true);
        }
        int n = questions.size();
        int v = variants.size();
        long[][] wall = new long[v][n];
        long[][] cpuNanos = new long[v][n];
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
            for (int i = 0; i < n; i++) {
                String q = questions.get(i);
                for (int j = 0; j < v; j++) {
                    int which = (i + j) % v;
                    long c = cpu ? threads.getCurrentThreadCpuTime() : 0;
                    long t = System.nanoTime();
                    sink += variants.get(which).variant().run(q);
                    wall[which][i] = System.nanoTime() - t;
                    cpuNanos[which][i] = cpu ? threads.getCurrentThreadCpuTime() - c : 0;
                }
            }
        }
        if (sink == 0) {
            throw new IllegalStateException("no query found anything");
        }
        table("wall-clock time per query (what a caller waits; inflated by other processes on a busy machine)",
                variants, wall);
        if (cpu) {
            table("CPU time of the querying thread per query (excludes time the thread waited for a core)",
                    variants, cpuNanos);
        }
        double p95 = percentile(wall[1], 0.95);
        System.out.printf(Locale.ROOT, "new path wall-clock p95 %.3f ms%s: target p95 < 10 ms %s%n", p95,
                cpu ? String.format(Locale.ROOT, " (CPU time p95 %.3f ms)", percentile(cpuNanos[1], 0.95)) : "",
                p95 < 10 ? "met" : "MISSED");
    }

    private static void table(String title, List<Named> variants, long[][] nanos) {
        double baseP50 = percentile(nanos[0], 0.50);
        double baseP95 = percentile(nanos[0], 0.95);
        System.out.println(title + ":");
        System.out.println("| variant | p50 ms | p95 ms | p99 ms | mean ms | p50 ÷ old | p95 ÷ old |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int j = 0; j < variants.size(); j++) {
            double mean = Arrays.stream(nanos[j]).average().orElse(0) / 1e6;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", variants.get(j).name(),
                    percentile(nanos[j], 0.50), percentile(nanos[j], 0.95), percentile(nanos[j], 0.99), mean,
                    percentile(nanos[j], 0.50) / baseP50, percentile(nanos[j], 0.95) / baseP95);
        }
    }

    /** Percentile in milliseconds (nearest rank). */
    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** What makes a query expensive: its analysed terms and how many passages they match. */
    private static void describeQueries(List<String> questions, RetrievalLegacyPath old, int passages)
            throws IOException {
        SupportAnalyzer analyzer = new SupportAnalyzer();
        double terms = 0;
        double hits = 0;
        for (String q : questions) {
            terms += analyzer.terms(q).size();
            hits += old.search(q, K, true, Integer.MAX_VALUE);
        }
        System.out.printf(Locale.ROOT, "queries: %.1f analysed terms on average; %,.0f matching passages on average"
                + " (%.1f%% of all)%n", terms / questions.size(), hits / questions.size(),
                100 * hits / questions.size() / Math.max(1, passages));
    }

    private static long distinctTerms(DirectoryReader reader, String field) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return 0;
        }
        long n = 0;
        TermsEnum te = terms.iterator();
        while (te.next() != null) {
            n++;
        }
        return n;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | UncheckedIOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
