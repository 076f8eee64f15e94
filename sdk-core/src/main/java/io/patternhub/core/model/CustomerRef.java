package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Who bought, as far as the platform tells. The email may be absent (Etsy only shares it with
 * approved apps); guest checkouts may have no customer id. At least one of the two is present.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableCustomerRef.class)
@JsonDeserialize(as = ImmutableCustomerRef.class)
public interface CustomerRef {

    Platform platform();

    /** The platform's customer id (Etsy buyer user id, Shopify customer GID). */
    Optional<String> externalId();

    Optional<String> email();

    Optional<String> name();

    /** ISO 3166-1 alpha-2 country code, e.g. {@code "DE"}: drives tax rules. */
    Optional<String> country();

    @Value.Check
    default void check() {
        if (externalId().isEmpty() && email().isEmpty()) {
            throw new InvalidModelException("CustomerRef", "externalId",
                    "give an external id or an email to identify the customer");
        }
        if (country().isPresent() && !country().get().matches("[A-Z]{2}")) {
            throw new InvalidModelException("CustomerRef", "country",
                    "must be an ISO 3166-1 alpha-2 code in upper case, was '" + country().get() + "'");
        }
    }

    static ImmutableCustomerRef.Builder builder() {
        return ImmutableCustomerRef.builder();
    }

    default ImmutableCustomerRef.Builder toBuilder() {
        return ImmutableCustomerRef.builder().from(this);
    }
}
