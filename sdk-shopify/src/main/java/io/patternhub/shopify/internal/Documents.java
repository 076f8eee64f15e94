package io.patternhub.shopify.internal;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GraphQL documents the storefront sends, one {@code .graphql} file each under
 * {@value #RESOURCE_DIR}. Loaded once per storefront; immutable afterwards.
 */
public final class Documents {
    /** Where the documents live on the classpath. */
    public static final String RESOURCE_DIR = "io/patternhub/shopify/graphql";
    /** Every document, by file name without extension. */
    public static final List<String> NAMES = List.of("Shop", "Products", "Product", "ProductSearch", "ProductSet",
            "StagedUploadsCreate", "FileCreate", "FilesByName", "Orders", "Order", "OrderLineItems", "OrdersBulk",
            "BulkOperationRunQuery", "BulkOperation", "Payouts", "BalanceTransactions", "WebhookSubscriptionCreate",
            "WebhookSubscriptions");
    private static final String FILTER_PLACEHOLDER = "\"__FILTER__\"";

    private final Map<String, String> texts;

    private Documents(Map<String, String> texts) {
        this.texts = texts;
    }

    /**
     * Reads every document from the classpath.
     *
     * @return the documents
     */
    public static Documents load() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : NAMES) {
            String path = "/" + RESOURCE_DIR + "/" + name + ".graphql";
            try (InputStream in = Documents.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new ConfigurationException("The Shopify GraphQL document " + path
                            + " is missing from the sdk-shopify jar; the jar is damaged", ErrorContext.empty());
                }
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return new Documents(Map.copyOf(texts));
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
