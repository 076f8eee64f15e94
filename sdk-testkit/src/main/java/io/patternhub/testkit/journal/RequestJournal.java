package io.patternhub.testkit.journal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every request a sandbox received, in arrival order, so tests can assert "zero write calls" or
 * "exactly 3 POSTs to this route". Thread-safe.
 */
public final class RequestJournal {
    private final List<JournalEntry> entries = new CopyOnWriteArrayList<>();

    /**
     * Records one entry; called by the sandbox.
     *
     * @param entry the entry
     */
    public void record(JournalEntry entry) {
        entries.add(entry);
    }

    /** All entries so far, oldest first (a snapshot). */
    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** How many requests were received. */
    public long size() {
        return entries.size();
    }

    /**
     * How many entries match {@code predicate}.
     *
     * @param predicate the filter
     * @return the count
     */
    public long count(Predicate<JournalEntry> predicate) {
        return entries.stream().filter(predicate).count();
    }

    /**
     * How many requests hit the route {@code template} with {@code method}.
     *
     * @param method the HTTP method
     * @param template the route template as registered
     * @return the count
     */
    public long count(String method, String template) {
        return count(e -> e.method().equalsIgnoreCase(method) && e.routeTemplate().map(template::equals).orElse(false));
    }

    /**
     * How many requests used {@code method}.
     *
     * @param method the HTTP method
     * @return the count
     */
    public long countMethod(String method) {
        return count(e -> e.method().equalsIgnoreCase(method));
    }

    /** How many state-changing requests (not GET, HEAD or OPTIONS) were received. */
    public long writeCount() {
        return count(JournalEntry::isWrite);
    }

    /** Request counts by {@link JournalEntry#routeKey()}, sorted by key. */
    public Map<String, Long> countsByRoute() {
        return entries.stream().collect(Collectors.groupingBy(JournalEntry::routeKey, TreeMap::new, Collectors.counting()));
    }

    /** Entries that failed request validation. */
    public List<JournalEntry> validationFailures() {
        return entries.stream().filter(e -> !e.validationErrors().isEmpty()).collect(Collectors.toList());
    }

    /** Forgets every entry. */
    public void clear() {
        entries.clear();
    }
}
