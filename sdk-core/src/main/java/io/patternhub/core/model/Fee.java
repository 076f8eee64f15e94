package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A charge the platform took from the seller. The amount is positive for a charge and negative for a
 * credit (a fee refunded). It may be in the seller's currency rather than the order's.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableFee.class)
@JsonDeserialize(as = ImmutableFee.class)
public interface Fee extends RawPayload {

    FeeKind kind();

    /** The fee, excluding any tax on it. */
    Money amount();

    /** Tax charged on the fee (e.g. VAT on Etsy's fees), when reported. */
    Optional<Money> tax();

    Optional<String> description();

    /**
     * The {@link Refund#externalId()} this fee came with, for a fee given back (or charged) on a refund:
     * it is booked with that refund, at the refund's date, not with the sale. Empty for the sale's fees.
     */
    Optional<String> refundId();

    @Value.Check
    default void check() {
        tax().ifPresent(t -> {
            if (!t.currency().equals(amount().currency())) {
                throw new CurrencyMismatchException("tax on fee", amount().currency(), t.currency());
            }
        });
    }

    static ImmutableFee.Builder builder() {
        return ImmutableFee.builder();
    }

    default ImmutableFee.Builder toBuilder() {
        return ImmutableFee.builder().from(this);
    }
}
