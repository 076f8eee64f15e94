/**
 * The knowledge base: ingest of PDF, Markdown, HTML and text documentation into a Lucene index,
 * chunked along pages and headings, and BM25 retrieval with citations.
 */
package io.patternhub.support.kb;
