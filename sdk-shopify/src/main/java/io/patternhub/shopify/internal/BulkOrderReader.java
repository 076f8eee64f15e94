package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.Order;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a bulk operation's JSONL result one line at a time and stitches each order back together:
 * an order is a line without {@code __parentId}; its line items follow it as lines whose
 * {@code __parentId} is the order's id. Only one order is held in memory at a time.
 */
public final class BulkOrderReader implements Iterator<Order> {
    private final BufferedReader lines;
    private final ObjectMapper mapper;
    private final OrderNormalizer normalizer;
    private JsonNode pendingRoot;
    private Order next;
    private long lineNumber;

    /**
     * @param lines      the JSONL text
     * @param mapper     parses each line
     * @param normalizer turns a stitched order into the model
     */
    public BulkOrderReader(BufferedReader lines, ObjectMapper mapper, OrderNormalizer normalizer) {
        this.lines = lines;
        this.mapper = mapper;
        this.normalizer = normalizer;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readOrder();
        }
        return next != null;
    }

    @Override
    public Order next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Order order = next;
        next = null;
        return order;
    }

    private Order readOrder() {
        try {
            JsonNode root = pendingRoot;
            pendingRoot = null;
            List<JsonNode> children = new ArrayList<>();
            for (String line; (line = lines.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                String parent = node.path("__parentId").asText("");
                if (parent.isEmpty()) {
                    if (root != null) {
                        pendingRoot = node; // the next order starts: the current one is complete
                        return normalizer.toOrder(root, children);
                    }
                    root = node;
                } else if (root != null && parent.equals(root.path("id").asText())) {
                    children.add(node);
                } else {
                    throw new ApiException("Shopify bulk result line " + lineNumber + " belongs to " + parent
                            + ", which is not the order before it; the JSONL is not in parent order",
                            ErrorContext.builder().platform(Platform.SHOPIFY).build());
                }
            }
            return root == null ? null : normalizer.toOrder(root, children);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Shopify bulk result failed at line " + lineNumber, e);
        }
    }
}
