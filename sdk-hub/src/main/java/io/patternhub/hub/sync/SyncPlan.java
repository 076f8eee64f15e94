package io.patternhub.hub.sync;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The minimal changes that bring every storefront in line with the catalog, computed from content
 * hashes (a dry run: nothing is written until {@link CatalogSync#apply(SyncPlan)}).
 *
 * @param changes  per storefront id, the changes in execution order
 * @param problems per storefront id, patterns that cannot be synced there and why (e.g. no price in its currency)
 */
public record SyncPlan(Map<String, List<PlannedChange>> changes, Map<String, List<String>> problems) {

    public SyncPlan {
        Map<String, List<PlannedChange>> c = new LinkedHashMap<>();
        changes.forEach((k, v) -> c.put(k, List.copyOf(v)));
        changes = java.util.Collections.unmodifiableMap(c);
        Map<String, List<String>> p = new LinkedHashMap<>();
        problems.forEach((k, v) -> p.put(k, List.copyOf(v)));
        problems = java.util.Collections.unmodifiableMap(p);
    }

    /** Whether nothing needs to change anywhere. */
    public boolean isEmpty() {
        return changes.values().stream().allMatch(List::isEmpty);
    }

    /**
     * @param storefrontId a target
     * @return its changes, possibly none
     */
    public List<PlannedChange> changes(String storefrontId) {
        return changes.getOrDefault(storefrontId, List.of());
    }

    /**
     * @param storefrontId a target
     * @return the SKUs with at least one change there
     */
    public Set<String> skus(String storefrontId) {
        Set<String> out = new LinkedHashSet<>();
        changes(storefrontId).forEach(c -> out.add(c.sku()));
        return out;
    }

    /** How many changes in all. */
    public int size() {
        return changes.values().stream().mapToInt(List::size).sum();
    }
}
