package io.patternhub.testkit.shopify.internal;

import graphql.schema.DataFetchingEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay connections as Shopify serves them: {@code first}/{@code after}/{@code last}/{@code before}/
 * {@code reverse}, opaque cursors, {@code edges{cursor,node}}, {@code nodes} and {@code pageInfo}.
 */
final class Connections {
    /** Largest page Shopify serves (not verified in the stored material; the widely documented value). */
    static final int MAX_PAGE = 250;

    private Connections() {
    }

    /**
     * One page of {@code items}.
     *
     * @param items all matching items in their natural order
     * @param idOf an item's unique id, encoded into its cursor
     * @param toNode an item as a GraphQL object map
     * @param env the field's environment
     * @param bulk whether this is a bulk operation (no page limits)
     * @param <T> the item type
     * @return the connection map
     */
    static <T> Map<String, Object> page(List<T> items, Function<T, String> idOf, Function<T, Object> toNode,
            DataFetchingEnvironment env, boolean bulk) {
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        boolean reverse = Boolean.TRUE.equals(env.getArgument("reverse"));
        if (!bulk) {
            if (first == null && last == null) {
                throw new IllegalArgumentException("you must provide one of first or last");
            }
            if (first != null && last != null) {
                throw new IllegalArgumentException("providing both first and last is not supported");
            }
            int size = first != null ? first : last;
            if (size < 0 || size > MAX_PAGE) {
                throw new IllegalArgumentException("The page size must be between 0 and " + MAX_PAGE + ", was " + size);
            }
        }
        List<T> ordered = new ArrayList<>(items);
        if (reverse) {
            Collections.reverse(ordered);
        }
        int from = 0;
        int to = ordered.size();
        if (after != null) {
            from = indexOf(ordered, idOf, after) + 1;
        }
        if (before != null) {
            to = indexOf(ordered, idOf, before);
        }
        to = Math.max(from, to);
        int start = from;
        int end = to;
        if (!bulk && first != null) {
            end = Math.min(to, from + first);
        } else if (!bulk && last != null) {
            start = Math.max(from, to - last);
        }
        List<Map<String, Object>> edges = new ArrayList<>();
        List<Object> nodes = new ArrayList<>();
        for (T item : ordered.subList(start, end)) {
            Object node = toNode.apply(item);
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("cursor", cursor(idOf.apply(item)));
            edge.put("node", node);
            edges.add(edge);
            nodes.add(node);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < ordered.size());
        pageInfo.put("hasPreviousPage", start > 0);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("nodes", nodes);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    static String cursor(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("cursor:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> int indexOf(List<T> items, Function<T, String> idOf, String cursor) {
        String id;
        try {
            id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid cursor " + cursor);
        }
        if (!id.startsWith("cursor:")) {
            throw new IllegalArgumentException("Invalid cursor " + cursor);
        }
        String wanted = id.substring("cursor:".length());
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Cursor " + cursor + " points at nothing in this list");
    }
}
