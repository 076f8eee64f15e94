package io.patternhub.etsy.internal;

import static io.patternhub.etsy.internal.EtsyJson.epochSeconds;
import static io.patternhub.etsy.internal.EtsyJson.id;
import static io.patternhub.etsy.internal.EtsyJson.malformed;
import static io.patternhub.etsy.internal.EtsyJson.money;
import static io.patternhub.etsy.internal.EtsyJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.ImmutableListing;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns Etsy {@code ShopListing(WithAssociations)} and {@code ShopListingFile} JSON into core models. Thread-safe. */
public final class ListingNormalizer {

    /**
     * A listing. The SKU and price come from the first product of the {@code inventory} association
     * when present (ask with {@code includes=Inventory}), else from {@code skus} and {@code price}.
     *
     * @param listing the ShopListing JSON
     * @return the listing
     */
    public Listing toListing(JsonNode listing) {
        String listingId = id(listing, "listing_id").orElseThrow(() -> malformed("listing without listing_id"));
        JsonNode product = firstProduct(listing);
        Optional<Money> price = money(product.path("offerings").path(0).path("price"))
                .or(() -> money(listing.path("price")));
        ImmutableListing.Builder b = Listing.builder()
                .platform(Platform.ETSY)
                .externalId(listingId)
                .sku(sku(listing))
                .title(listing.path("title").asText(""))
                .description(listing.path("description").asText(""))
                .price(price.orElseThrow(() -> malformed("listing " + listingId + " without a price")))
                .state(state(listing.path("state").asText("")))
                .updatedAt(epochSeconds(listing, "updated_timestamp", "last_modified_timestamp"))
                .raw(listing);
        text(listing, "url").map(URI::create).ifPresent(b::url);
        listing.path("tags").forEach(t -> b.addTags(t.asText()));
        return b.build();
    }

    /**
     * The listing's SKU: the first non-blank product SKU of its inventory, else of {@code skus}.
     *
     * @param listing the ShopListing JSON
     * @return the SKU, if any
     */
    public Optional<String> sku(JsonNode listing) {
        for (JsonNode p : listing.path("inventory").path("products")) {
            if (!p.path("is_deleted").asBoolean(false) && text(p, "sku").isPresent()) {
                return text(p, "sku");
            }
        }
        for (JsonNode s : listing.path("skus")) {
            if (s.isTextual() && !s.asText().isBlank()) {
                return Optional.of(s.asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode firstProduct(JsonNode listing) {
        for (JsonNode p : listing.path("inventory").path("products")) {
            if (!p.path("is_deleted").asBoolean(false)) {
                return p;
            }
        }
        return listing.path("inventory").path("products").path(0);
    }

    /**
     * Maps Etsy's listing state: {@code sold_out} and {@code expired} are off sale but can be renewed,
     * so they read as {@link ListingState#INACTIVE}.
     *
     * @param state Etsy's state
     * @return the normalized state
     */
    public static ListingState state(String state) {
        switch (state.toLowerCase(Locale.ROOT)) {
            case "active": return ListingState.ACTIVE;
            case "draft": return ListingState.DRAFT;
            case "inactive":
            case "sold_out":
            case "expired":
                return ListingState.INACTIVE;
            default:
                throw malformed("unknown listing state '" + state + "'");
        }
    }

    /**
     * A listing file.
     *
     * @param file the ShopListingFile JSON
     * @return the file
     */
    public ListingFile toFile(JsonNode file) {
        String fileId = id(file, "listing_file_id").orElseThrow(() -> malformed("listing file without listing_file_id"));
        JsonNode size = file.path("size_bytes");
        return ListingFile.builder()
                .externalId(fileId)
                .name(file.path("filename").asText(""))
                .sizeBytes(size.isIntegralNumber() ? OptionalLong.of(size.asLong()) : OptionalLong.empty())
                .raw(file)
                .build();
    }
}
