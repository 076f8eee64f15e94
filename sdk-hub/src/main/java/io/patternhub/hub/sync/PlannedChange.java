package io.patternhub.hub.sync;

import java.util.List;
import java.util.Optional;

/**
 * One change sync will make on one storefront.
 *
 * @param storefrontId  the target
 * @param sku           the pattern
 * @param kind          what kind of change
 * @param fileName      the file, for file changes
 * @param changedFields for {@link ChangeKind#UPDATE_LISTING}: which of title, description, tags, price differ
 */
public record PlannedChange(String storefrontId, String sku, ChangeKind kind, Optional<String> fileName,
        List<String> changedFields) {

    public PlannedChange {
        changedFields = List.copyOf(changedFields);
    }

    @Override
    public String toString() {
        return storefrontId + " " + sku + " " + kind + fileName.map(f -> " " + f).orElse("")
                + (changedFields.isEmpty() ? "" : " " + changedFields);
    }
}
