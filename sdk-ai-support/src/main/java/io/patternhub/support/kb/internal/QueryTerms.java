package io.patternhub.support.kb.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A question's analysed terms, each looked up once per searched field in the term dictionary. The lookups
 * give the idf weights, tell which terms can match at all, are handed to the {@link TermQuery}s (which then
 * skip their own lookup) and let {@link #presentIn} jump straight to a term's postings for a hit.
 * Valid for the searcher it was built with only.
 */
public final class QueryTerms {
    private final IndexSearcher searcher;
    /** Per term (in order of first appearance), its states in each of {@link IndexFields#SEARCHED}. */
    private final Map<String, TermStates[]> states;

    private QueryTerms(IndexSearcher searcher, Map<String, TermStates[]> states) {
        this.searcher = searcher;
        this.states = states;
    }

    /** Looks up every term in every searched field of {@code searcher}'s index. */
    public static QueryTerms lookUp(IndexSearcher searcher, Collection<String> terms) throws IOException {
        Map<String, TermStates[]> states = new LinkedHashMap<>();
        for (String t : terms) {
            TermStates[] perField = new TermStates[IndexFields.SEARCHED.size()];
            for (int f = 0; f < perField.length; f++) {
                perField[f] = TermStates.build(searcher, new Term(IndexFields.SEARCHED.get(f), t), true);
            }
            states.put(t, perField);
        }
        return new QueryTerms(searcher, states);
    }

    /**
     * BM25's idf of every term over the passage text (a term no passage text holds weighs most), in order of
     * first appearance.
     */
    public Map<String, Double> idf() throws IOException {
        int n = Math.max(1, searcher.getIndexReader().getDocCount(IndexFields.TEXT));
        Map<String, Double> out = new LinkedHashMap<>();
        int text = IndexFields.SEARCHED.indexOf(IndexFields.TEXT);
        for (Map.Entry<String, TermStates[]> e : states.entrySet()) {
            int df = e.getValue()[text].docFreq();
            out.put(e.getKey(), Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return out;
    }

    /** Whether some passage's text, section or title holds {@code term}; the others cannot match. */
    public boolean occurs(String term) {
        for (TermStates s : states.get(term)) {
            if (s.docFreq() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether some passage holds {@code term} in {@code field}. */
    public boolean occursIn(String field, String term) {
        return states.get(term)[IndexFields.SEARCHED.indexOf(field)].docFreq() > 0;
    }

    /** A query for {@code term} in {@code field} that reuses this lookup. */
    public TermQuery termQuery(String field, String term) {
        return new TermQuery(new Term(field, term), states.get(term)[IndexFields.SEARCHED.indexOf(field)]);
    }

    /**
     * The terms that occur in document {@code doc}'s text, section or title: the same set as analysing those
     * three fields again, since they were indexed with the same analyzer.
     *
     * @param doc a top-level document id of the searcher's reader
     */
    public Set<String> presentIn(int doc) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        Set<String> out = new HashSet<>();
        for (int f = 0; f < IndexFields.SEARCHED.size(); f++) {
            Terms fieldTerms = leaf.reader().terms(IndexFields.SEARCHED.get(f));
            if (fieldTerms == null) {
                continue;
            }
            TermsEnum te = fieldTerms.iterator();
            PostingsEnum postings = null;
            for (Map.Entry<String, TermStates[]> e : states.entrySet()) {
                if (out.contains(e.getKey())) {
                    continue;
                }
                TermState state = e.getValue()[f].get(leaf);
                if (state == null) {
                    continue; // not in this segment
                }
                te.seekExact(new BytesRef(e.getKey()), state);
                postings = te.postings(postings, PostingsEnum.NONE);
                if (postings.advance(local) == local) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }
}
