package io.patternhub.support.kb;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.support.kb.internal.Chunker;
import io.patternhub.support.kb.internal.ExtractedDocument;
import io.patternhub.support.kb.internal.Hashing;
import io.patternhub.support.kb.internal.HtmlExtractor;
import io.patternhub.support.kb.internal.IndexFields;
import io.patternhub.support.kb.internal.MarkdownExtractor;
import io.patternhub.support.kb.internal.PassageQuery;
import io.patternhub.support.kb.internal.PdfExtractor;
import io.patternhub.support.kb.internal.QueryTerms;
import io.patternhub.support.kb.internal.SupportAnalyzer;
import io.patternhub.support.kb.internal.TextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The seller's documentation as a searchable index: pattern PDFs (with page numbers), Markdown,
 * HTML and text, chunked along headings and pages, searched with Lucene BM25.
 *
 * <p>Ingest is incremental: every document's content hash is stored, and a document whose hash is
 * already indexed is skipped. {@link #sync} treats its argument as the whole documentation set and
 * drops documents that are no longer in it; {@link #upsert} adds or replaces one document.
 *
 * <p>Thread-safe: searches run concurrently; ingests are serialised. Close it to release the index.
 */
public final class KnowledgeBase implements Retriever, AutoCloseable {
    /** Bump when extraction or chunking changes, so existing indexes re-read every document. */
    private static final String PIPELINE_VERSION = "1";

    private static final String F_KIND = IndexFields.KIND;
    private static final String F_ID = IndexFields.ID;
    private static final String F_DOC = IndexFields.DOC;
    private static final String F_TITLE = IndexFields.TITLE;
    private static final String F_SECTION = IndexFields.SECTION;
    private static final String F_PAGE = IndexFields.PAGE;
    private static final String F_TEXT = IndexFields.TEXT;
    private static final String F_HASH = IndexFields.HASH;
    private static final String F_ORD = IndexFields.ORD;
    private static final String KIND_CHUNK = IndexFields.KIND_CHUNK;
    private static final String KIND_DOCUMENT = IndexFields.KIND_DOCUMENT;

    private final Directory directory;
    private final SupportAnalyzer analyzer = new SupportAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Chunker chunker;
    private final int chunkChars;
    private final Object ingestLock = new Object();

    private KnowledgeBase(Builder b) {
        this.chunkChars = b.chunkChars;
        this.chunker = new Chunker(b.chunkChars);
        Directory dir = null;
        try {
            dir = b.indexDirectory == null ? new ByteBuffersDirectory() : FSDirectory.open(b.indexDirectory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setSimilarity(new BM25Similarity());
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            this.writer = new IndexWriter(dir, config);
            writer.commit();
            this.searchers = new SearcherManager(writer, null);
            this.directory = dir;
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            closeQuietly(dir);
            throw new io.patternhub.core.error.ConfigurationException("The knowledge base index " + b.indexDirectory
                    + " is open in another KnowledgeBase or process; open it once and share the instance.",
                    ErrorContext.empty(), e);
        } catch (IOException e) {
            closeQuietly(dir);
            throw new UncheckedIOException("Could not open the knowledge base index", e);
        }
    }

    private static void closeQuietly(Directory dir) {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Indexes every supported file under {@code root} (ids are paths relative to it, with {@code /})
     * and drops indexed documents that are no longer there. Unchanged files are skipped.
     *
     * @throws InvalidRequestException when {@code root} is not a directory
     */
    public IngestReport ingestDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidRequestException("Not a directory: " + root, ErrorContext.empty());
        }
        List<SourceDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> DocumentFormat.forFileName(p.getFileName().toString()).isPresent())
                    .sorted()
                    .forEach(p -> docs.add(SourceDocument.fromFile(
                            root.relativize(p).toString().replace('\\', '/'), p)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + root, e);
        }
        return sync(docs);
    }

    /**
     * Makes the index hold exactly {@code documents}: new ones are added, changed ones re-indexed,
     * unchanged ones skipped, and documents not in the collection removed.
     */
    public IngestReport sync(Collection<SourceDocument> documents) {
        return ingest(documents, true);
    }

    /** Adds or replaces one document (skipped when its content is unchanged); removes nothing else. */
    public IngestReport upsert(SourceDocument document) {
        return ingest(List.of(document), false);
    }

    private IngestReport ingest(Collection<SourceDocument> documents, boolean removeMissing) {
        synchronized (ingestLock) {
            try {
                Map<String, String> indexed = indexedHashes();
                List<String> added = new ArrayList<>();
                List<String> updated = new ArrayList<>();
                List<String> unchanged = new ArrayList<>();
                List<String> removed = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                int passages = 0;
                for (SourceDocument doc : documents) {
                    if (!seen.add(doc.id())) {
                        throw new InvalidRequestException("Duplicate document id: " + doc.id(), ErrorContext.empty());
                    }
                    String hash = Hashing.sha256(doc.contentUnsafe()) + ":" + PIPELINE_VERSION + ":" + chunkChars;
                    String previous = indexed.get(doc.id());
                    if (hash.equals(previous)) {
                        unchanged.add(doc.id());
                        continue;
                    }
                    List<Document> luceneDocs = toLucene(doc, hash);
                    writer.deleteDocuments(new Term(F_DOC, doc.id()));
                    writer.addDocuments(luceneDocs);
                    passages += luceneDocs.size() - 1;
                    (previous == null ? added : updated).add(doc.id());
                }
                if (removeMissing) {
                    for (String id : indexed.keySet()) {
                        if (!seen.contains(id)) {
                            writer.deleteDocuments(new Term(F_DOC, id));
                            removed.add(id);
                        }
                    }
                }
                writer.commit();
                searchers.maybeRefreshBlocking();
                removed.sort(Comparator.naturalOrder());
                return new IngestReport(added, updated, unchanged, removed, passages);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not update the knowledge base index", e);
            }
        }
    }

    private List<Document> toLucene(SourceDocument doc, String hash) {
        ExtractedDocument extracted = extract(doc);
        String title = extracted.title().isBlank() ? doc.id() : extracted.title();
        List<Document> out = new ArrayList<>();
        Document marker = new Document();
        marker.add(new StringField(F_KIND, KIND_DOCUMENT, Field.Store.YES));
        marker.add(new StringField(F_DOC, doc.id(), Field.Store.YES));
        marker.add(new StringField(F_HASH, hash, Field.Store.YES));
        out.add(marker);
        int ord = 0;
        for (Chunker.Chunk chunk : chunker.chunk(extracted.sections())) {
            Document d = new Document();
            d.add(new StringField(F_KIND, KIND_CHUNK, Field.Store.NO));
            d.add(new StringField(F_ID, doc.id() + "#" + ord, Field.Store.YES));
            d.add(new StringField(F_DOC, doc.id(), Field.Store.YES));
            d.add(new TextField(F_TITLE, title, Field.Store.YES));
            d.add(new TextField(F_SECTION, chunk.section().heading(), Field.Store.YES));
            d.add(new StoredField(F_PAGE, chunk.section().page()));
            d.add(new StoredField(F_ORD, ord));
            d.add(new org.apache.lucene.document.NumericDocValuesField(F_ORD, ord));
            d.add(new TextField(F_TEXT, chunk.text(), Field.Store.YES));
            out.add(d);
            ord++;
        }
        return out;
    }

    private static ExtractedDocument extract(SourceDocument doc) {
        byte[] bytes = doc.contentUnsafe();
        try {
            return switch (doc.format()) {
                case PDF -> new PdfExtractor().extract(bytes);
                case MARKDOWN -> new MarkdownExtractor().extract(bytes);
                case HTML -> new HtmlExtractor().extract(bytes);
                case TEXT -> new TextExtractor().extract(bytes);
            };
        } catch (UncheckedIOException e) {
            throw new InvalidRequestException("Could not read document " + doc.id() + ": " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
    }

    private Map<String, String> indexedHashes() throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher s = searchers.acquire();
        try {
            Map<String, String> out = new HashMap<>();
            TopDocs top = s.search(new TermQuery(new Term(F_KIND, KIND_DOCUMENT)), Math.max(1, s.getIndexReader().maxDoc()));
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = s.storedFields().document(sd.doc);
                out.put(d.get(F_DOC), d.get(F_HASH));
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    /** The ids of every indexed document, sorted. */
    public List<String> documentIds() {
        try {
            List<String> ids = new ArrayList<>(indexedHashes().keySet());
            ids.sort(Comparator.naturalOrder());
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The passages of one document in reading order; empty when the document is not indexed. */
    public List<Passage> passages(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Query q = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(F_DOC, documentId)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(F_KIND, KIND_CHUNK)), BooleanClause.Occur.FILTER)
                        .build();
                TopDocs top = s.search(q, Math.max(1, s.getIndexReader().maxDoc()),
                        new Sort(new SortField(F_ORD, SortField.Type.INT)));
                List<Passage> out = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    out.add(toPassage(s.storedFields().document(sd.doc)));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * BM25 search over passage text, section headings and document titles. A question with more than
     * 64 distinct terms that occur in the documentation is searched with the 64 rarest of them
     * (highest idf); coverage still counts every term.
     *
     * @throws InvalidRequestException when {@code k} is below 1
     */
    @Override
    public List<ScoredPassage> retrieve(String query, int k) {
        Objects.requireNonNull(query, "query");
        if (k < 1) {
            throw new InvalidRequestException("k must be at least 1, was " + k, ErrorContext.empty());
        }
        Set<String> terms = analyzer.terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                QueryTerms lookedUp = QueryTerms.lookUp(s, terms);
                Map<String, Double> weights = lookedUp.idf();
                Map<String, Double> searchable = new java.util.LinkedHashMap<>(weights);
                // Terms no passage holds cannot match: leaving them out changes no score, and keeps them
                // from taking places under the term cap.
                searchable.keySet().removeIf(t -> !lookedUp.occurs(t));
                if (searchable.isEmpty()) {
                    return List.of();
                }
                // Count hits exactly only up to k: beyond that the query's bulk scorer may skip postings whose
                // best possible score cannot enter the top k (bounded per field). The top k itself is the same.
                TopDocs top = s.search(PassageQuery.build(searchable, lookedUp),
                        new TopScoreDocCollectorManager(k, null, k));
                List<ScoredPassage> out = new ArrayList<>(top.scoreDocs.length);
                StoredFields stored = s.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    Passage p = toPassage(stored.document(sd.doc));
                    out.add(new ScoredPassage(p, sd.score, coverage(weights, lookedUp.presentIn(sd.doc))));
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Knowledge base search failed", e);
        }
    }

    /**
     * BM25's idf per query term over the passage text. A term the documentation never uses gets the
     * highest weight: a question about something the documents do not mention must not look covered.
     */
    private static Map<String, Double> idfWeights(IndexSearcher s, Set<String> terms) throws IOException {
        int n = Math.max(1, s.getIndexReader().getDocCount(F_TEXT));
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String t : terms) {
            int df = s.getIndexReader().docFreq(new Term(F_TEXT, t));
            out.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return out;
    }

    /** The idf-weighted share of the query terms found in the passage (its title, section or text). */
    private static double coverage(Map<String, Double> weights, Set<String> present) {
        double total = 0;
        double hit = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            total += e.getValue();
            if (present.contains(e.getKey())) {
                hit += e.getValue();
            }
        }
        return total == 0 ? 0 : Math.min(1.0, hit / total);
    }

    @Override
    public Set<String> terms(String text) {
        return analyzer.terms(text);
    }

    /** BM25 idf of each query term over the passages; terms the documentation never uses weigh most. */
    @Override
    public Map<String, Double> termWeights(String query) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return idfWeights(s, analyzer.terms(query));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Passage toPassage(Document d) {
        Citation citation = new Citation(d.get(F_DOC), d.get(F_TITLE),
                d.getField(F_PAGE).numericValue().intValue(), d.get(F_SECTION));
        return new Passage(d.get(F_ID), citation, d.get(F_TEXT));
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the knowledge base index", e);
        }
    }

    /** Builds a {@link KnowledgeBase}. */
    public static final class Builder {
        private Path indexDirectory;
        private int chunkChars = 800;

        private Builder() {
        }

        /** Keeps the index on disk in this directory (created when missing); default: in memory. */
        public Builder indexDirectory(Path indexDirectory) {
            this.indexDirectory = Objects.requireNonNull(indexDirectory, "indexDirectory");
            return this;
        }

        /** The largest passage, in characters (default 800, at least 100). */
        public Builder chunkChars(int chunkChars) {
            if (chunkChars < 100) {
                throw new InvalidRequestException("chunkChars must be at least 100, was " + chunkChars,
                        ErrorContext.empty());
            }
            this.chunkChars = chunkChars;
            return this;
        }

        public KnowledgeBase build() {
            return new KnowledgeBase(this);
        }
    }
}
