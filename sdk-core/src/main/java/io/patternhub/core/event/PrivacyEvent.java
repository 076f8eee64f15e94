package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * A privacy-law request the platform forwards (Shopify's mandatory {@code customers/data_request},
 * {@code customers/redact} and {@code shop/redact} webhooks). The hub must act on it.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePrivacyEvent.class)
@JsonDeserialize(as = ImmutablePrivacyEvent.class)
@JsonTypeName("privacy")
public non-sealed interface PrivacyEvent extends StorefrontEvent {

    /** What is asked. */
    enum Kind {
        /** Export what is held about the customers. */
        DATA_REQUEST,
        /** Erase what is held about the customers. */
        CUSTOMER_REDACT,
        /** Erase everything held about the shop. */
        SHOP_REDACT
    }

    Kind kind();

    /** The shop the request is for. */
    String shop();

    /** The customers concerned; empty for {@link Kind#SHOP_REDACT}. */
    List<CustomerRef> customers();

    /** Orders the platform names as concerned. */
    List<String> orderExternalIds();

    @Value.Check
    default void check() {
        if (eventId().isBlank()) {
            throw new InvalidModelException("PrivacyEvent", "eventId", "must not be blank");
        }
        if (kind() != Kind.SHOP_REDACT && customers().isEmpty()) {
            throw new InvalidModelException("PrivacyEvent", "customers", kind() + " must name at least one customer");
        }
    }

    static ImmutablePrivacyEvent.Builder builder() {
        return ImmutablePrivacyEvent.builder();
    }

    default ImmutablePrivacyEvent.Builder toBuilder() {
        return ImmutablePrivacyEvent.builder().from(this);
    }
}
