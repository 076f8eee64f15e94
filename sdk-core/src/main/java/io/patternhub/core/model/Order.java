package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A sale on one platform, normalized. All amounts except {@link #fees()} are in {@link #currency()},
 * the currency the buyer paid in; fees may be charged in the seller's currency.
 *
 * <p>Sums such as {@link #totalFees()} and {@link #net()} are computed on demand, never stored.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableOrder.class)
@JsonDeserialize(as = ImmutableOrder.class)
public interface Order extends RawPayload {

    Platform platform();

    /** The platform's id (Etsy receipt id, Shopify order GID, WooCommerce order id). */
    String externalId();

    /** The number shown to buyer and seller, e.g. {@code "#1001"}, when it differs from the id. */
    Optional<String> orderNumber();

    Instant createdAt();

    Optional<Instant> updatedAt();

    Optional<CustomerRef> buyer();

    List<LineItem> lineItems();

    List<TaxLine> taxes();

    List<Fee> fees();

    List<Refund> refunds();

    Currency currency();

    /** Total discounts on the order; zero when none. */
    @Value.Default
    default Money discountsTotal() {
        return Money.zero(currency());
    }

    /** The sum of the lines after line discounts, before order-level discounts and taxes. */
    Money subtotal();

    /** What the buyer paid, taxes included. */
    Money total();

    /** The platform's id of the payout this order was settled in, once known. */
    Optional<String> payoutReference();

    OrderStatus status();

    /** The sum of all fees. */
    default Money totalFees() {
        return fees().stream().map(Fee::amount).reduce(Money::plus).orElseGet(() -> Money.zero(currency()));
    }

    /** The sum of all refunds. */
    default Money totalRefunded() {
        return refunds().stream().map(Refund::amount).reduce(Money.zero(currency()), Money::plus);
    }

    /** The sum of all taxes, whoever collected them. */
    default Money totalTax() {
        return taxes().stream().map(TaxLine::amount).reduce(Money.zero(currency()), Money::plus);
    }

    /**
     * The sum of the taxes one party collected.
     *
     * @param collector the marketplace or the seller
     * @return the taxes that party collected
     */
    default Money taxCollectedBy(TaxCollector collector) {
        return taxes().stream().filter(t -> t.collectedBy() == collector).map(TaxLine::amount)
                .reduce(Money.zero(currency()), Money::plus);
    }

    /**
     * What the seller keeps: total, less refunds, less taxes the marketplace collected and remits,
     * less fees.
     *
     * @return the net amount
     * @throws CurrencyMismatchException if fees are in another currency than the order
     */
    default Money net() {
        return total().minus(totalRefunded()).minus(taxCollectedBy(TaxCollector.MARKETPLACE)).minus(totalFees());
    }

    @Value.Check
    default void check() {
        if (externalId().isBlank()) {
            throw new InvalidModelException("Order", "externalId", "must not be blank");
        }
        requireCurrency("subtotal", subtotal());
        requireCurrency("total", total());
        requireCurrency("discountsTotal", discountsTotal());
        for (LineItem line : lineItems()) {
            requireCurrency("lineItems", line.unitPrice());
        }
        for (TaxLine tax : taxes()) {
            requireCurrency("taxes", tax.amount());
        }
        for (Refund refund : refunds()) {
            requireCurrency("refunds", refund.amount());
        }
        buyer().ifPresent(b -> {
            if (b.platform() != platform()) {
                throw new InvalidModelException("Order", "buyer",
                        "buyer is from " + b.platform() + " but the order is from " + platform());
            }
        });
    }

    private void requireCurrency(String field, Money amount) {
        if (!amount.currency().equals(currency())) {
            throw new CurrencyMismatchException("use in Order." + field + " of", currency(), amount.currency());
        }
    }

    static ImmutableOrder.Builder builder() {
        return ImmutableOrder.builder();
    }

    default ImmutableOrder.Builder toBuilder() {
        return ImmutableOrder.builder().from(this);
    }
}
