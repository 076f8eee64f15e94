package io.patternhub.support.kb.internal;

import java.util.List;

/** Names of the Lucene fields of the knowledge base index, shared by indexing and search. */
public final class IndexFields {
    public static final String KIND = "kind";
    public static final String ID = "id";
    public static final String DOC = "doc";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String TEXT = "text";
    public static final String HASH = "hash";
    public static final String ORD = "ord";
    public static final String KIND_CHUNK = "chunk";
    public static final String KIND_DOCUMENT = "document";

    /** The analysed fields a question is matched against; only passages have them. */
    public static final List<String> SEARCHED = List.of(TEXT, SECTION, TITLE);

    private IndexFields() {
    }
}
