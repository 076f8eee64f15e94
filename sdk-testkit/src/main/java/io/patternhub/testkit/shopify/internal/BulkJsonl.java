package io.patternhub.testkit.shopify.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bulk query's result as Shopify does: one JSON object per line; the nodes of the root
 * connection first-level, each followed by the nodes of its nested connections as separate lines
 * carrying {@code __parentId} (the {@code id} of the object they belong to).
 */
public final class BulkJsonl {
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    private BulkJsonl() {
    }

    /** A JSONL result and its counts. */
    public record Result(byte[] jsonl, long objectCount, long rootObjectCount) {
    }

    /**
     * Flattens the data of a bulk query.
     *
     * @param data the execution result data: one root field holding a connection
     * @return the JSONL and counts
     */
    public static Result write(Object data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] counts = new long[2];
        if (data instanceof Map<?, ?> root) {
            for (Object connection : root.values()) {
                for (Object node : nodes(connection)) {
                    counts[1]++;
                    line(out, node, null, counts);
                }
            }
        }
        return new Result(out.toByteArray(), counts[0], counts[1]);
    }

    private static void line(ByteArrayOutputStream out, Object node, Object parentId, long[] counts) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        Map<String, Object> children = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (isConnection(e.getValue())) {
                children.put(String.valueOf(e.getKey()), e.getValue());
            } else {
                flat.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        if (parentId != null) {
            flat.put("__parentId", parentId);
        }
        try {
            out.write(MAPPER.writeValueAsBytes(flat));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not write a bulk result line", e);
        }
        out.write('\n');
        counts[0]++;
        Object id = map.get("id");
        if (!children.isEmpty() && id == null) {
            throw new IllegalStateException("Bulk queries must select 'id' on objects with nested connections");
        }
        for (Object child : children.values()) {
            for (Object childNode : nodes(child)) {
                line(out, childNode, id, counts);
            }
        }
    }

    private static boolean isConnection(Object value) {
        return value instanceof Map<?, ?> m && (m.get("edges") instanceof List<?> || m.get("nodes") instanceof List<?>);
    }

    private static List<?> nodes(Object connection) {
        if (!(connection instanceof Map<?, ?> m)) {
            return List.of();
        }
        if (m.get("nodes") instanceof List<?> nodes) {
            return nodes;
        }
        if (m.get("edges") instanceof List<?> edges) {
            return edges.stream().map(e -> e instanceof Map<?, ?> edge ? edge.get("node") : null).toList();
        }
        return List.of();
    }

    static String text(Result result) {
        return new String(result.jsonl(), StandardCharsets.UTF_8);
    }
}
