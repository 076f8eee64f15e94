package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.PatternHubStyle;
import java.util.Optional;
import org.immutables.value.Value;

/** A listing was changed or deleted on the platform (possibly by the seller, outside the hub). */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableListingEvent.class)
@JsonDeserialize(as = ImmutableListingEvent.class)
@JsonTypeName("listing")
public non-sealed interface ListingEvent extends StorefrontEvent {

    /** What happened to the listing. */
    enum Kind { CREATED, UPDATED, DELETED }

    Kind kind();

    String listingExternalId();

    /** The listing as it now stands, when delivered; absent for deletions. */
    Optional<Listing> listing();

    @Value.Check
    default void check() {
        if (eventId().isBlank()) {
            throw new InvalidModelException("ListingEvent", "eventId", "must not be blank");
        }
        if (kind() == Kind.DELETED && listing().isPresent()) {
            throw new InvalidModelException("ListingEvent", "listing", "a deletion carries no listing");
        }
        listing().ifPresent(l -> {
            if (!l.externalId().equals(listingExternalId())) {
                throw new InvalidModelException("ListingEvent", "listing",
                        "is listing " + l.externalId() + " but the event is about " + listingExternalId());
            }
        });
    }

    static ImmutableListingEvent.Builder builder() {
        return ImmutableListingEvent.builder();
    }

    default ImmutableListingEvent.Builder toBuilder() {
        return ImmutableListingEvent.builder().from(this);
    }
}
