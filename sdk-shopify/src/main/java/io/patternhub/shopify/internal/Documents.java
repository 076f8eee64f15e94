package io.patternhub.shopify.internal;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GraphQL documents the storefront sends, one {@code .graphql} file each under
 * {@value #RESOURCE_DIR}. Selections several documents share are fragments, one file each named after
 * the fragment ({@code OrderFields.graphql} holds {@code fragment OrderFields on Order}); loading a
 * document appends the definitions of the fragments it spreads, and of those they spread, so every text
 * sent is complete. Loaded once per storefront; immutable afterwards.
 */
public final class Documents {
    /** Where the documents live on the classpath. */
    public static final String RESOURCE_DIR = "io/patternhub/shopify/graphql";
    /** Every document, by file name without extension. */
    public static final List<String> NAMES = List.of("Shop", "Products", "Product", "ProductSearch", "ProductSet",
            "StagedUploadsCreate", "FileCreate", "FilesByName", "Orders", "Order", "OrderLineItems", "OrdersBulk",
            "BulkOperationRunQuery", "BulkOperation", "Payouts", "BalanceTransactions", "WebhookSubscriptionCreate",
            "WebhookSubscriptions");
    /** Every shared fragment, by fragment name (its file's name without extension). */
    public static final List<String> FRAGMENTS = List.of("OrderFields", "LineItemFields", "ProductFields");
    private static final String FILTER_PLACEHOLDER = "\"__FILTER__\"";
    /** A named fragment spread; {@code ... on Type} is an inline fragment and has no name to resolve. */
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*(?!on\\b)([_A-Za-z][_0-9A-Za-z]*)");
    private static final Pattern DEFINITION = Pattern.compile("\\bfragment\\s+([_A-Za-z][_0-9A-Za-z]*)\\s+on\\b");
    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");

    private final Map<String, String> texts;

    private Documents(Map<String, String> texts) {
        this.texts = texts;
    }

    /**
     * Reads every document from the classpath and appends the fragments each one spreads.
     *
     * @return the documents
     * @throws ConfigurationException if a file is missing, a fragment file does not define its fragment, or
     *     a document spreads a fragment no file defines
     */
    public static Documents load() {
        Map<String, String> fragments = new LinkedHashMap<>();
        for (String name : FRAGMENTS) {
            fragments.put(name, read(name));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : NAMES) {
            texts.put(name, withFragments(name, read(name), fragments));
        }
        return new Documents(Map.copyOf(texts));
    }

    /**
     * A document with the definitions of the fragments it spreads appended (transitively, each once, in the
     * order first spread), except those it defines itself.
     *
     * @param name      the document's name, for errors
     * @param document  the document's text
     * @param fragments fragment name to its file's text, which must define exactly that fragment
     * @return the complete text
     * @throws ConfigurationException if a spread fragment is defined nowhere or a fragment text defines
     *     another name
     */
    public static String withFragments(String name, String document, Map<String, String> fragments) {
        Set<String> defined = new HashSet<>(definitions(document));
        Set<String> appended = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(spreads(document));
        while (!pending.isEmpty()) {
            String fragment = pending.removeFirst();
            if (defined.contains(fragment) || appended.contains(fragment)) {
                continue;
            }
            String text = fragments.get(fragment);
            if (text == null) {
                throw new ConfigurationException("The Shopify GraphQL document " + name + " spreads ..." + fragment
                        + " but no " + fragment + ".graphql fragment file defines it", ErrorContext.empty());
            }
            if (!definitions(text).equals(List.of(fragment))) {
                throw new ConfigurationException("The Shopify GraphQL fragment file " + fragment
                        + ".graphql must define exactly the fragment " + fragment + ", but defines "
                        + definitions(text), ErrorContext.empty());
            }
            appended.add(fragment);
            pending.addAll(spreads(text));
        }
        StringBuilder out = new StringBuilder(document.stripTrailing()).append('\n');
        for (String fragment : appended) {
            out.append('\n').append(fragments.get(fragment).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static List<String> spreads(String text) {
        return names(SPREAD, text);
    }

    private static List<String> definitions(String text) {
        return names(DEFINITION, text);
    }

    private static List<String> names(Pattern pattern, String text) {
        Matcher m = pattern.matcher(COMMENT.matcher(text).replaceAll(""));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(String name) {
        String path = "/" + RESOURCE_DIR + "/" + name + ".graphql";
        try (InputStream in = Documents.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new ConfigurationException("The Shopify GraphQL document " + path
                        + " is missing from the sdk-shopify jar; the jar is damaged", ErrorContext.empty());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * One document's text.
     *
     * @param name the file name without extension
     * @return the GraphQL text
     */
    public String get(String name) {
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no GraphQL document " + name);
        }
        return text;
    }

    /**
     * The bulk orders query with its search filter filled in (bulk queries take no variables).
     *
     * @param template the {@code OrdersBulk} text
     * @param filter   a Shopify search filter, possibly empty
     * @return the query to pass to {@code bulkOperationRunQuery}
     */
    public static String bulkOrdersQuery(String template, String filter) {
        if (!template.contains(FILTER_PLACEHOLDER)) {
            throw new IllegalStateException("OrdersBulk.graphql lost its " + FILTER_PLACEHOLDER + " placeholder");
        }
        return template.replace(FILTER_PLACEHOLDER, graphqlString(filter));
    }

    /** A GraphQL string literal: quotes, backslashes and control characters escaped. */
    static String graphqlString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
