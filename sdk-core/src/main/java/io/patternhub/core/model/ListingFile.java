package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A file as it is attached to a listing on one platform. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableListingFile.class)
@JsonDeserialize(as = ImmutableListingFile.class)
public interface ListingFile extends RawPayload {

    /** The platform's id of the file (Etsy {@code listing_file_id}, WooCommerce download id). */
    String externalId();

    String name();

    OptionalLong sizeBytes();

    /** The SHA-256 of the content, lower-case hex, when the platform or the hub knows it. */
    Optional<String> sha256();

    /** Where the platform serves the file from, when it says (WooCommerce download URL). */
    Optional<URI> url();

    @Value.Check
    default void check() {
        if (externalId().isBlank()) {
            throw new InvalidModelException("ListingFile", "externalId", "must not be blank");
        }
        if (sha256().isPresent() && !sha256().get().matches("[0-9a-f]{64}")) {
            throw new InvalidModelException("ListingFile", "sha256",
                    "must be 64 lower-case hex characters, was '" + sha256().get() + "'");
        }
    }

    static ImmutableListingFile.Builder builder() {
        return ImmutableListingFile.builder();
    }

    default ImmutableListingFile.Builder toBuilder() {
        return ImmutableListingFile.builder().from(this);
    }
}
