package io.patternhub.examples.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's counts, by stable dotted names ({@code orders.total}, {@code emails.received}, ...), in the
 * order they were first recorded. Thread-safe.
 */
public final class DemoSummary {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /**
     * @param key   the count's name
     * @param value its value
     */
    public synchronized void set(String key, long value) {
        counts.put(key, value);
    }

    /**
     * @param key   the count's name
     * @param delta what to add
     */
    public synchronized void add(String key, long delta) {
        counts.merge(key, delta, Long::sum);
    }

    /**
     * @param key the count's name
     * @return its value, 0 if never recorded
     */
    public synchronized long count(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** @return a copy of every count */
    public synchronized Map<String, Long> counts() {
        return new LinkedHashMap<>(counts);
    }

    /** @return the counts as a JSON object */
    public synchronized ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        counts.forEach(n::put);
        return n;
    }
}
