package io.patternhub.support.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.support.eval.EvalCase;
import io.patternhub.support.eval.EvalDataset;
import io.patternhub.support.sample.SampleKnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Recorded answers of the query path that preceded the optimised {@link KnowledgeBase#retrieve}
 * (kept as a test oracle until this file replaced it), on
 * the sample knowledge base, for the labelled questions of the sample dataset, 300 random questions
 * and one whose terms the index lacks, each at k = 1, 3, 5 and 10: one gzipped JSON line per
 * question and k with the question, k and the hits as passage id, score and query coverage (both
 * as {@link Double#toString}, which reads back to the same double). Regenerated, from the current
 * {@code retrieve}, only after a deliberate change, by {@code RecordRetrievalGolden}.
 */
final class RetrievalGolden {
    static final int[] KS = {1, 3, 5, 10};
    static final Path SOURCE = Path.of("src/test/resources/io/patternhub/support/kb", "retrieval-golden.jsonl.gz");

    private static final String RESOURCE = "retrieval-golden.jsonl.gz";
    private static final ObjectMapper JSON = PatternHubJson.newMapper();

    private RetrievalGolden() {
    }

    /** The questions, in recorded order; {@code kb} holds the sample documents. */
    static List<String> questions(KnowledgeBase kb) {
        List<String> questions = new ArrayList<>();
        for (EvalCase c : EvalDataset.read(SampleKnowledgeBase.dataset()).cases()) {
            questions.add(c.question());
        }
        questions.addAll(randomQuestions(kb, 300));
        questions.add("zzqx unknownword"); // no term in the index
        return questions;
    }

    /** Questions of 1 to 8 words drawn from the sample passages, so their terms match many passages. */
    private static List<String> randomQuestions(KnowledgeBase kb, int n) {
        List<String> words = new ArrayList<>();
        for (String id : kb.documentIds()) {
            for (Passage p : kb.passages(id)) {
                for (String w : p.text().split("[^\\p{L}\\p{N}]+")) {
                    if (w.length() > 2) {
                        words.add(w);
                    }
                }
            }
        }
        Random r = new Random(11);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder q = new StringBuilder("How do I");
            for (int w = 1 + r.nextInt(8); w > 0; w--) {
                q.append(' ').append(words.get(r.nextInt(words.size())));
            }
            out.add(q.append('?').toString());
        }
        return out;
    }

    /** One recorded line: the question, k and the hits, as JSON text. */
    static String line(String question, int k, List<ScoredPassage> hits) throws IOException {
        ObjectNode line = JSON.createObjectNode().put("q", question).put("k", k);
        ArrayNode array = line.putArray("hits");
        for (ScoredPassage hit : hits) {
            array.addArray().add(hit.passage().id()).add(Double.toString(hit.score()))
                    .add(Double.toString(hit.queryCoverage()));
        }
        return JSON.writeValueAsString(line);
    }

    /** The recorded lines, question by question, k by k. */
    static List<String> read() throws IOException {
        try (InputStream in = Objects.requireNonNull(RetrievalGolden.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** A query path under record. */
    interface Search {
        List<ScoredPassage> retrieve(String question, int k) throws IOException;
    }

    /** Records every question at every k with {@code search} into {@code file}. */
    static void write(Path file, List<String> questions, Search search) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer writer = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8)) {
            for (String q : questions) {
                for (int k : KS) {
                    writer.write(line(q, k, search.retrieve(q, k)));
                    writer.write('\n');
                }
            }
        }
    }
}
