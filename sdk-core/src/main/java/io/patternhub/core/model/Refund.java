package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Money given back to the buyer for an order, as a positive amount. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableRefund.class)
@JsonDeserialize(as = ImmutableRefund.class)
public interface Refund extends RawPayload {

    String externalId();

    Money amount();

    Instant createdAt();

    Optional<String> reason();

    /** The {@link LineItem#externalId()}s refunded; empty for an order-level refund. */
    List<String> lineRefs();

    @Value.Check
    default void check() {
        if (!amount().isPositive()) {
            throw new InvalidModelException("Refund", "amount", "must be positive, was " + amount());
        }
    }

    static ImmutableRefund.Builder builder() {
        return ImmutableRefund.builder();
    }

    default ImmutableRefund.Builder toBuilder() {
        return ImmutableRefund.builder().from(this);
    }
}
