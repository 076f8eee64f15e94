package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A platform's settlement to the seller's bank. Always consistent:
 * {@code net = gross - fees - refunds + adjustments}. Leave {@code net} unset to have it computed;
 * if set, it must match (put unexplained differences such as reserves in {@code adjustments}).
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePayout.class)
@JsonDeserialize(as = ImmutablePayout.class)
public interface Payout extends RawPayload {

    Platform platform();

    String externalId();

    Optional<Instant> periodStart();

    Optional<Instant> periodEnd();

    /** The day the money reaches (or reached) the bank. */
    Optional<LocalDate> arrivalDate();

    Currency currency();

    /** Sales settled in this payout. */
    Money gross();

    /** Fees deducted, as a positive amount. */
    @Value.Default
    default Money fees() {
        return Money.zero(currency());
    }

    /** Refunds deducted, as a positive amount. */
    @Value.Default
    default Money refunds() {
        return Money.zero(currency());
    }

    /** Everything else: positive adds to the deposit, negative takes from it (reserves, chargebacks). */
    @Value.Default
    default Money adjustments() {
        return Money.zero(currency());
    }

    /** The deposit. */
    @Value.Default
    default Money net() {
        return gross().minus(fees()).minus(refunds()).plus(adjustments());
    }

    /**
     * The fees deducted in this payout that belong to no order (e.g. Etsy listing fees and ads), when the
     * platform itemizes them. They are part of {@link #fees()}; orders carry their own fees.
     */
    List<Fee> payoutFees();

    /** External ids of the orders settled. */
    List<String> orderIds();

    PayoutStatus status();

    @Value.Check
    default void check() {
        if (externalId().isBlank()) {
            throw new InvalidModelException("Payout", "externalId", "must not be blank");
        }
        for (Money m : List.of(gross(), fees(), refunds(), adjustments(), net())) {
            if (!m.currency().equals(currency())) {
                throw new CurrencyMismatchException("use in Payout of", currency(), m.currency());
            }
        }
        for (Fee fee : payoutFees()) {
            if (!fee.amount().currency().equals(currency())) {
                throw new CurrencyMismatchException("use as a payout fee in Payout of", currency(), fee.amount().currency());
            }
        }
        Money expected = gross().minus(fees()).minus(refunds()).plus(adjustments());
        if (!expected.equals(net())) {
            throw new InvalidModelException("Payout", "net", "is " + net() + " but gross - fees - refunds"
                    + " + adjustments is " + expected + "; record the difference in adjustments");
        }
        if (periodStart().isPresent() && periodEnd().isPresent() && periodEnd().get().isBefore(periodStart().get())) {
            throw new InvalidModelException("Payout", "periodEnd", "is before periodStart");
        }
    }

    static ImmutablePayout.Builder builder() {
        return ImmutablePayout.builder();
    }

    default ImmutablePayout.Builder toBuilder() {
        return ImmutablePayout.builder().from(this);
    }
}
