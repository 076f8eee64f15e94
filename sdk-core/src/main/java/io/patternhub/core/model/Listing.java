package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A pattern as it stands on one platform. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableListing.class)
@JsonDeserialize(as = ImmutableListing.class)
public interface Listing extends RawPayload {

    Platform platform();

    /** The platform's id (Etsy listing id, Shopify product GID, WooCommerce product id). */
    String externalId();

    /** The SKU linking this listing to a hub {@link Pattern}; absent if the platform has none. */
    Optional<String> sku();

    String title();

    @Value.Default
    default String description() {
        return "";
    }

    Money price();

    ListingState state();

    List<ListingFile> files();

    /** The public page of the listing. */
    Optional<URI> url();

    /** The hub's hash of the content it last pushed, to detect drift without fetching everything. */
    Optional<String> contentHash();

    List<String> tags();

    Optional<Instant> updatedAt();

    @Value.Check
    default void check() {
        if (externalId().isBlank()) {
            throw new InvalidModelException("Listing", "externalId", "must not be blank");
        }
        if (price().isNegative()) {
            throw new InvalidModelException("Listing", "price", "must not be negative: " + price());
        }
    }

    static ImmutableListing.Builder builder() {
        return ImmutableListing.builder();
    }

    default ImmutableListing.Builder toBuilder() {
        return ImmutableListing.builder().from(this);
    }
}
