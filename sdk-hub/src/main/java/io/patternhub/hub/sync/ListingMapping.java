package io.patternhub.hub.sync;

import java.util.Optional;

/**
 * How a pattern stands on one storefront, as the hub last pushed it.
 *
 * @param storefrontId the target
 * @param sku          the pattern
 * @param externalId   the platform's listing id; empty while its creation is unconfirmed
 * @param fieldsHash   the content hash of the listing fields last pushed
 * @param state        {@code CREATING}, {@code LISTED} or {@code DEACTIVATED}
 */
public record ListingMapping(String storefrontId, String sku, Optional<String> externalId, Optional<String> fieldsHash,
        String state) {
}
