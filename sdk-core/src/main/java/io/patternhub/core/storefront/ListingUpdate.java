package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternHubStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A partial change to a listing: only the fields present are changed. An empty update is refused. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableListingUpdate.class)
@JsonDeserialize(as = ImmutableListingUpdate.class)
public interface ListingUpdate {

    Optional<String> title();

    Optional<String> description();

    Optional<Money> price();

    /** The tags, replacing all existing ones. */
    Optional<List<String>> tags();

    Optional<ListingState> state();

    Optional<String> contentHash();

    /** Platform-only fields by the platform's own name; see {@link ListingDraft#platformAttributes()}. */
    Map<String, String> platformAttributes();

    @Value.Check
    default void check() {
        if (title().isEmpty() && description().isEmpty() && price().isEmpty() && tags().isEmpty()
                && state().isEmpty() && contentHash().isEmpty() && platformAttributes().isEmpty()) {
            throw new InvalidModelException("ListingUpdate", "*", "changes nothing; set at least one field");
        }
        if (title().isPresent() && title().get().isBlank()) {
            throw new InvalidModelException("ListingUpdate", "title", "must not be blank");
        }
        if (price().isPresent() && price().get().isNegative()) {
            throw new InvalidModelException("ListingUpdate", "price", "must not be negative: " + price().get());
        }
        if (state().isPresent() && state().get() == ListingState.REMOVED) {
            throw new InvalidModelException("ListingUpdate", "state", "REMOVED cannot be set; delete the listing");
        }
    }

    /**
     * An update that brings title, description and tags in line with a pattern, at a price.
     *
     * @param pattern the hub's pattern
     * @param price   the price on this storefront
     * @return a builder with those fields set
     */
    static ImmutableListingUpdate.Builder fromPattern(Pattern pattern, Money price) {
        return builder().title(pattern.title()).description(pattern.description())
                .tags(pattern.tags()).price(price);
    }

    /**
     * An update that only changes the state.
     *
     * @param state {@link ListingState#ACTIVE}, {@link ListingState#INACTIVE} or {@link ListingState#DRAFT}
     * @return the update
     */
    static ListingUpdate state(ListingState state) {
        return builder().state(state).build();
    }

    static ImmutableListingUpdate.Builder builder() {
        return ImmutableListingUpdate.builder();
    }

    default ImmutableListingUpdate.Builder toBuilder() {
        return ImmutableListingUpdate.builder().from(this);
    }
}
