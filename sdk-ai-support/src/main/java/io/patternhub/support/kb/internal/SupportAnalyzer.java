package io.patternhub.support.kb.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English analysis for support text: lower case, stop words (English plus the filler of customer
 * messages such as "hi", "please", "how"), Porter stemming. Used for indexing and for queries.
 */
public final class SupportAnalyzer extends Analyzer {
    private static final List<String> FILLER = List.of(
            "i", "me", "my", "mine", "we", "our", "you", "your", "yours", "he", "she", "him", "her",
            "hi", "hello", "hey", "dear", "thanks", "thank", "please", "regards", "cheers",
            "how", "what", "when", "where", "which", "who", "why", "do", "does", "did", "can", "could",
            "would", "should", "shall", "may", "might", "must", "am", "has", "have", "had", "been",
            "being", "about", "any", "some", "just", "so", "too", "very", "also", "from", "up", "out",
            "get", "got", "want", "wanted", "need", "know", "tell", "there", "here", "all", "one",
            "its", "it's", "im", "i'm", "ive", "i've", "dont", "don't", "much", "many", "them",
            // "use" would stem to "us" and match "US 7" needle sizes.
            "use", "uses", "used", "using",
            // Generic ticket subjects ("Question", "Re: help") say nothing about the topic.
            "question", "questions", "query", "enquiry", "inquiry", "help", "re", "fw", "fwd", "urgent");

    private final CharArraySet stopWords;

    public SupportAnalyzer() {
        CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        set.addAll(FILLER);
        this.stopWords = CharArraySet.unmodifiableSet(set);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream ts = new EnglishPossessiveFilter(source);
        ts = new LowerCaseFilter(ts);
        ts = new StopFilter(ts, stopWords);
        ts = new PorterStemFilter(ts);
        return new TokenStreamComponents(source, ts);
    }

    /** The distinct analysed terms of a text, in order of first appearance. */
    public Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
