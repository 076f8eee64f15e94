package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** One line of an order: a pattern bought, how many, at what price. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableLineItem.class)
@JsonDeserialize(as = ImmutableLineItem.class)
public interface LineItem extends RawPayload {

    /** The platform's id of the line (Etsy transaction id), referenced by refunds. */
    Optional<String> externalId();

    Optional<String> sku();

    /** The platform's id of the listing the line was bought from. */
    Optional<String> listingExternalId();

    String title();

    int quantity();

    /** The price of one unit before discount. */
    Money unitPrice();

    /** The discount on the whole line, a non-negative amount. */
    Optional<Money> discount();

    /** {@code unitPrice * quantity - discount}. */
    default Money total() {
        Money gross = unitPrice().times(quantity());
        return discount().map(gross::minus).orElse(gross);
    }

    @Value.Check
    default void check() {
        if (quantity() < 1) {
            throw new InvalidModelException("LineItem", "quantity", "must be at least 1, was " + quantity());
        }
        if (unitPrice().isNegative()) {
            throw new InvalidModelException("LineItem", "unitPrice", "must not be negative: " + unitPrice());
        }
        discount().ifPresent(d -> {
            if (!d.currency().equals(unitPrice().currency())) {
                throw new CurrencyMismatchException("discount", unitPrice().currency(), d.currency());
            }
            if (d.isNegative()) {
                throw new InvalidModelException("LineItem", "discount", "must not be negative: " + d);
            }
        });
    }

    static ImmutableLineItem.Builder builder() {
        return ImmutableLineItem.builder();
    }

    default ImmutableLineItem.Builder toBuilder() {
        return ImmutableLineItem.builder().from(this);
    }
}
