package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one listing in the sandbox, for assertions. Immutable.
 *
 * @param listingId the listing id
 * @param shopId the shop it belongs to
 * @param state draft, active or inactive
 * @param title the title
 * @param description the description
 * @param tags the tags, in order
 * @param taxonomyId the seller taxonomy id
 * @param listingType {@code download}, {@code physical} or {@code both}
 * @param whoMade the {@code who_made} value
 * @param whenMade the {@code when_made} value
 * @param quantity the listing quantity
 * @param price the listing price (the first enabled offering's price once inventory is set)
 * @param products the inventory products
 * @param files the digital files, by rank
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record EtsyListingView(long listingId, long shopId, EtsyListingState state, String title, String description,
        List<String> tags, long taxonomyId, String listingType, String whoMade, String whenMade, long quantity,
        Money price, List<EtsyProductView> products, List<EtsyListingFileView> files, Instant createdAt,
        Instant updatedAt) {
    public EtsyListingView {
        tags = List.copyOf(tags);
        products = List.copyOf(products);
        files = List.copyOf(files);
    }

    /** The SKU of the first product that has one. */
    public Optional<String> sku() {
        return products.stream().map(EtsyProductView::sku).flatMap(Optional::stream).findFirst();
    }
}
