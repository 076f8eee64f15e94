package io.patternhub.support.kb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * {@link SumOfDisMaxQuery}'s top k is exactly the plain Lucene query's (documents, order, scores to the last
 * bit), over indexes shaped like the knowledge base's (text, heading, title), with several segments and
 * deleted passages; and on a corpus where every term is common in text, it scores far fewer passages.
 */
class SumOfDisMaxQueryTest {
    private static final int[] KS = {1, 3, 5, 10, 50};

    @Test
    void sameTopKAsThePlainQueryOnACommonWordCorpus() throws IOException {
        // ~70 words for everything: every term is in most passages' text and a few headings.
        compareOn(corpus(2_000, 70, 11, true), 70, 150, 6);
    }

    @Test
    void sameTopKAsThePlainQueryWithRareTermsSegmentsAndDeletions() throws IOException {
        // A larger vocabulary: many terms are absent from some segments, some from a field entirely.
        compareOn(corpus(2_000, 3_000, 23, true), 3_000, 150, 8);
    }

    @Test
    void scoresFewerPassagesThanLuceneWhenEveryTermIsCommon() throws IOException {
        try (Directory dir = corpus(5_000, 70, 5, false); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Random r = new Random(3);
            long ours = 0;
            long lucene = 0;
            for (int i = 0; i < 50; i++) {
                SumOfDisMaxQuery q = query(searcher, randomTerms(r, 70, 2 + r.nextInt(4)));
                AtomicLong a = new AtomicLong();
                AtomicLong b = new AtomicLong();
                TopDocs fast = searcher.search(q, counting(new TopScoreDocCollectorManager(5, null, 5), a));
                TopDocs plain = searcher.search(q.asBooleanQuery(), counting(new TopScoreDocCollectorManager(5, null, 5), b));
                assertSame(fast, plain, "query " + q);
                ours += a.get();
                lucene += b.get();
            }
            // Lucene's scorer can set aside almost no group here (each is bounded by its heading's score).
            assertThat(ours * 4).as("passages scored: ours %d, Lucene's %d", ours, lucene).isLessThan(lucene);
        }
    }

    @Test
    void countsAndExhaustiveSearchesGoToThePlainQuery() throws IOException {
        try (Directory dir = corpus(500, 70, 2, false); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            SumOfDisMaxQuery q = query(searcher, List.of("w1", "w2"));
            assertThat(searcher.count(q)).isEqualTo(searcher.count(q.asBooleanQuery())).isPositive();
            assertSame(searcher.search(q, new TopScoreDocCollectorManager(7, null, Integer.MAX_VALUE)),
                    searcher.search(q.asBooleanQuery(), new TopScoreDocCollectorManager(7, null, Integer.MAX_VALUE)), "");
            assertThat(searcher.explain(q, 0).getValue()).isEqualTo(searcher.explain(q.asBooleanQuery(), 0).getValue());
            // The top-k weight explains and scores single documents as the plain query does.
            LeafReaderContext leaf = reader.leaves().get(0);
            Weight topK = searcher.createWeight(q, ScoreMode.TOP_SCORES, 1f);
            Weight plain = searcher.createWeight(searcher.rewrite(q.asBooleanQuery()), ScoreMode.TOP_SCORES, 1f);
            int doc = plain.scorer(leaf).iterator().nextDoc();
            assertThat(topK.explain(leaf, doc).getValue()).isEqualTo(plain.explain(leaf, doc).getValue());
            assertThat(topK.scorer(leaf).iterator().nextDoc()).isEqualTo(doc);
        }
    }

    @Test
    void rejectsAnEmptyGroupAndABadTieBreaker() {
        assertThatThrownBy(() -> new SumOfDisMaxQuery(List.of(List.of()), 0.3f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SumOfDisMaxQuery(List.of(), 1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void compareOn(Directory dir, int vocabulary, int queries, int maxTerms) throws IOException {
        try (dir; DirectoryReader reader = DirectoryReader.open(dir)) {
            assertThat(reader.leaves()).hasSizeGreaterThan(3);
            assertThat(reader.numDeletedDocs()).isPositive();
            IndexSearcher searcher = new IndexSearcher(reader);
            Random r = new Random(vocabulary);
            int nonEmpty = 0;
            for (int i = 0; i < queries; i++) {
                SumOfDisMaxQuery q = query(searcher, randomTerms(r, vocabulary, 1 + r.nextInt(maxTerms)));
                // Reference: Lucene's own scorer over the plain query, every match scored; its top k for a smaller
                // k is the first k of these (same order: score, then document).
                TopDocs all = searcher.search(q.asBooleanQuery(),
                        new TopScoreDocCollectorManager(KS[KS.length - 1], null, Integer.MAX_VALUE));
                for (int k : KS) {
                    TopDocs expected = new TopDocs(all.totalHits,
                            Arrays.copyOf(all.scoreDocs, Math.min(k, all.scoreDocs.length)));
                    TopDocs actual = searcher.search(q, new TopScoreDocCollectorManager(k, null, k));
                    assertSame(actual, expected, q + ", k=" + k);
                    nonEmpty += expected.scoreDocs.length > 0 ? 1 : 0;
                }
            }
            assertThat(nonEmpty).isGreaterThan(queries * KS.length * 8 / 10);
        }
    }

    private static void assertSame(TopDocs actual, TopDocs expected, String what) {
        assertThat(actual.scoreDocs).as(what).hasSameSizeAs(expected.scoreDocs);
        for (int i = 0; i < expected.scoreDocs.length; i++) {
            ScoreDoc e = expected.scoreDocs[i];
            ScoreDoc a = actual.scoreDocs[i];
            assertThat(a.doc).as("%s, hit %d", what, i).isEqualTo(e.doc);
            assertThat(Float.floatToIntBits(a.score)).as("%s, hit %d score %s vs %s", what, i, a.score, e.score)
                    .isEqualTo(Float.floatToIntBits(e.score));
        }
    }

    /** The query as the knowledge base builds it: each term in the fields that hold it. */
    private static SumOfDisMaxQuery query(IndexSearcher searcher, Collection<String> terms) throws IOException {
        QueryTerms lookedUp = QueryTerms.lookUp(searcher, terms);
        Map<String, Double> idf = new LinkedHashMap<>(lookedUp.idf());
        idf.keySet().removeIf(t -> !lookedUp.occurs(t));
        return PassageQuery.build(idf, lookedUp);
    }

    private static Set<String> randomTerms(Random r, int vocabulary, int n) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            out.add(word(r, vocabulary));
        }
        return out;
    }

    /** Zipf-like: low word numbers are far more frequent. */
    private static String word(Random r, int vocabulary) {
        double u = r.nextDouble();
        return "w" + (int) (vocabulary * u * u);
    }

    /**
     * Passages with text (40-120 words), a 1-4 word heading and one of a few titles, committed in {@code segments}
     * segments; with {@code deletions}, every 17th passage is deleted afterwards.
     */
    private static Directory corpus(int passages, int vocabulary, int segments, boolean deletions) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        Random r = new Random(passages * 31L + vocabulary);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (int p = 0; p < passages; p++) {
                Document d = new Document();
                d.add(new StringField("id", "p" + p, Field.Store.NO));
                d.add(new TextField(IndexFields.TITLE, "pattern w" + (p / 40 % 9) + " instructions", Field.Store.NO));
                d.add(new TextField(IndexFields.SECTION, words(r, vocabulary, 1 + r.nextInt(4)), Field.Store.NO));
                d.add(new TextField(IndexFields.TEXT, words(r, vocabulary, 40 + r.nextInt(81)), Field.Store.NO));
                writer.addDocument(d);
                if ((p + 1) % (passages / segments + 1) == 0) {
                    writer.commit();
                }
            }
            if (deletions) {
                for (int p = 0; p < passages; p += 17) {
                    writer.deleteDocuments(new Term("id", "p" + p));
                }
            }
        }
        return dir;
    }

    private static String words(Random r, int vocabulary, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(word(r, vocabulary));
        }
        return sb.toString();
    }

    /** Counts the passages handed to the collector (each one scored); passes the bar for the top k through. */
    private static CountingManager counting(TopScoreDocCollectorManager inner, AtomicLong collected) {
        return new CountingManager(inner, collected);
    }

    private static final class CountingManager implements CollectorManager<Collector, TopDocs> {
        private final TopScoreDocCollectorManager inner;
        private final AtomicLong collected;
        private final List<TopScoreDocCollector> made = new ArrayList<>();

        CountingManager(TopScoreDocCollectorManager inner, AtomicLong collected) {
            this.inner = inner;
            this.collected = collected;
        }

        @Override
        public Collector newCollector() throws IOException {
            TopScoreDocCollector c = inner.newCollector();
            made.add(c);
            return new Collector() {
                @Override
                public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                    LeafCollector leaf = c.getLeafCollector(context);
                    return new LeafCollector() {
                        @Override
                        public void setScorer(Scorable scorer) throws IOException {
                            leaf.setScorer(scorer);
                        }

                        @Override
                        public void collect(int doc) throws IOException {
                            collected.incrementAndGet();
                            leaf.collect(doc);
                        }
                    };
                }

                @Override
                public ScoreMode scoreMode() {
                    return c.scoreMode();
                }
            };
        }

        @Override
        public TopDocs reduce(Collection<Collector> collectors) throws IOException {
            return inner.reduce(made);
        }
    }
}
