package io.patternhub.support.kb.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Which query terms a passage contains, read from the index's postings instead of re-analysing the
 * passage's title, section and text for every hit. Gives the same set: those three fields are indexed
 * with the same analyzer, and a term is present when it occurs in any of them.
 */
public final class TermPresence {
    private TermPresence() {
    }

    /**
     * The subset of {@code terms} that occur in document {@code doc}'s searched fields.
     *
     * @param doc a top-level document id of {@code reader}
     */
    public static Set<String> present(IndexReader reader, int doc, Collection<String> terms) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        LeafReader r = leaf.reader();
        Set<String> out = new HashSet<>();
        for (String field : IndexFields.SEARCHED) {
            Terms fieldTerms = r.terms(field);
            if (fieldTerms == null) {
                continue;
            }
            TermsEnum te = fieldTerms.iterator();
            PostingsEnum postings = null;
            for (String t : terms) {
                if (out.contains(t) || !te.seekExact(new BytesRef(t))) {
                    continue;
                }
                postings = te.postings(postings, PostingsEnum.NONE);
                if (postings.advance(local) == local) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
