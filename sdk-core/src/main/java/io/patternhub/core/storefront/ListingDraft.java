package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternHubStyle;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What to create on a storefront. {@link Storefront#createListing} is idempotent by {@link #sku()}:
 * creating a draft whose SKU is already listed returns the existing listing.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableListingDraft.class)
@JsonDeserialize(as = ImmutableListingDraft.class)
public interface ListingDraft {

    String sku();

    String title();

    @Value.Default
    default String description() {
        return "";
    }

    Money price();

    List<String> tags();

    /** The state to create in; {@link ListingState#DRAFT} unless asked otherwise. */
    @Value.Default
    default ListingState initialState() {
        return ListingState.DRAFT;
    }

    /** The hub's content hash of the pattern version being pushed, stored with the listing. */
    Optional<String> contentHash();

    /**
     * Fields only one platform needs, by that platform's own name (e.g. Etsy's {@code taxonomy_id},
     * {@code who_made}, {@code when_made}).
     */
    Map<String, String> platformAttributes();

    @Value.Check
    default void check() {
        if (sku().isBlank()) {
            throw new InvalidModelException("ListingDraft", "sku", "must not be blank: creation is idempotent by SKU");
        }
        if (title().isBlank()) {
            throw new InvalidModelException("ListingDraft", "title", "must not be blank");
        }
        if (price().isNegative()) {
            throw new InvalidModelException("ListingDraft", "price", "must not be negative: " + price());
        }
        if (initialState() != ListingState.DRAFT && initialState() != ListingState.ACTIVE) {
            throw new InvalidModelException("ListingDraft", "initialState", "must be DRAFT or ACTIVE");
        }
    }

    /**
     * A draft builder filled from a pattern at the given price.
     *
     * @param pattern the hub's pattern
     * @param price   the price on this storefront
     * @return a builder with sku, title, description, tags and price set
     */
    static ImmutableListingDraft.Builder fromPattern(Pattern pattern, Money price) {
        return builder().sku(pattern.sku()).title(pattern.title()).description(pattern.description())
                .addAllTags(pattern.tags()).price(price);
    }

    /**
     * A draft builder filled from a pattern at its price in one currency.
     *
     * @param pattern  the hub's pattern
     * @param currency the storefront's currency
     * @return a builder with sku, title, description, tags and price set
     * @throws InvalidModelException if the pattern has no price in that currency
     */
    static ImmutableListingDraft.Builder fromPattern(Pattern pattern, Currency currency) {
        Money price = pattern.priceIn(currency).orElseThrow(() -> new InvalidModelException("Pattern", "prices",
                pattern.sku() + " has no price in " + currency.getCurrencyCode() + "; add one"));
        return fromPattern(pattern, price);
    }

    static ImmutableListingDraft.Builder builder() {
        return ImmutableListingDraft.builder();
    }

    default ImmutableListingDraft.Builder toBuilder() {
        return ImmutableListingDraft.builder().from(this);
    }
}
