package io.patternhub.hub.sync.internal;

import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.hub.sync.ChangeKind;
import io.patternhub.hub.sync.PlannedChange;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Computes the minimal changes for one pattern on one storefront from what was last pushed. Pure. */
public final class Differ {
    private Differ() {
    }

    /**
     * The changes, or a problem that prevents syncing the pattern there.
     *
     * @param changes the changes, in execution order
     * @param problem why the pattern cannot be synced, or {@code null}
     */
    public record Result(List<PlannedChange> changes, String problem) {
    }

    /**
     * @param target       the storefront id
     * @param currency     its currency
     * @param withFiles    whether the storefront takes digital files
     * @param pattern      the active pattern, or {@code null} if it is gone or inactive
     * @param sku          the SKU
     * @param listing      the mapping, or {@code null}
     * @param files        the file mappings by name
     * @return the changes
     */
    public static Result diff(String target, Currency currency, boolean withFiles, Pattern pattern, String sku,
            MappingStore.ListingRow listing, Map<String, MappingStore.FileRow> files) {
        List<PlannedChange> out = new ArrayList<>();
        if (pattern == null) {
            if (listing != null && listing.externalId() != null && MappingStore.LISTED.equals(listing.state())) {
                out.add(change(target, sku, ChangeKind.DEACTIVATE_LISTING, null, List.of()));
            }
            return new Result(out, null);
        }
        Optional<Money> price = pattern.priceIn(currency);
        if (price.isEmpty()) {
            return new Result(List.of(), sku + " has no price in " + currency.getCurrencyCode()
                    + "; add one to its pattern.yaml prices");
        }
        ListingFields desired = ListingFields.of(pattern, price.get());
        boolean exists = listing != null && listing.externalId() != null;
        if (!exists) {
            out.add(change(target, sku, ChangeKind.CREATE_LISTING, null, desired.changedFrom(null)));
        } else {
            if (MappingStore.DEACTIVATED.equals(listing.state())) {
                out.add(change(target, sku, ChangeKind.REACTIVATE_LISTING, null, List.of()));
            }
            if (!desired.hash().equals(listing.fieldsHash())) {
                out.add(change(target, sku, ChangeKind.UPDATE_LISTING, null, desired.changedFrom(listing.fields())));
            }
        }
        if (!withFiles) {
            return new Result(out, null);
        }
        Set<String> wanted = new HashSet<>();
        for (PatternFile f : pattern.files()) {
            wanted.add(f.name());
            MappingStore.FileRow row = exists ? files.get(f.name()) : null;
            if (row == null || row.externalFileId() == null) {
                out.add(change(target, sku, ChangeKind.ATTACH_FILE, f.name(), List.of()));
            } else if (!f.sha256().equals(row.sha256())) {
                out.add(change(target, sku, ChangeKind.REPLACE_FILE, f.name(), List.of()));
            }
        }
        if (exists) {
            for (MappingStore.FileRow row : files.values()) {
                if (!wanted.contains(row.name()) && row.externalFileId() != null) {
                    out.add(change(target, sku, ChangeKind.REMOVE_FILE, row.name(), List.of()));
                }
            }
        }
        return new Result(out, null);
    }

    private static PlannedChange change(String target, String sku, ChangeKind kind, String file, List<String> fields) {
        return new PlannedChange(target, sku, kind, Optional.ofNullable(file), fields);
    }
}
