package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternHubStyle;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.immutables.value.Value;

/**
 * What the seller spent on advertising one platform over a period, as the seller recorded it; no
 * platform reports it in a form the hub can read. Both dates are inclusive. When a period only partly
 * overlaps the report window, the spend is prorated by days.
 */
@Value.Immutable
@PatternHubStyle
public interface AdSpendEntry {

    Platform platform();

    /** The first day of the period, inclusive. */
    LocalDate from();

    /** The last day of the period, inclusive. */
    LocalDate to();

    /** What was spent over the whole period. */
    Money amount();

    /** The number of days in the period, at least 1. */
    default long days() {
        return ChronoUnit.DAYS.between(from(), to()) + 1;
    }

    @Value.Check
    default void check() {
        if (to().isBefore(from())) {
            throw new InvalidModelException("AdSpendEntry", "to", "must not be before from (" + from() + "), was " + to());
        }
        if (amount().isNegative()) {
            throw new InvalidModelException("AdSpendEntry", "amount", "must not be negative: " + amount());
        }
    }

    static ImmutableAdSpendEntry.Builder builder() {
        return ImmutableAdSpendEntry.builder();
    }

    /**
     * The spend for one platform and period.
     *
     * @param platform the storefront advertised on
     * @param from     first day, inclusive
     * @param to       last day, inclusive
     * @param amount   the total spend over the period
     * @return the entry
     */
    static AdSpendEntry of(Platform platform, LocalDate from, LocalDate to, Money amount) {
        return builder().platform(platform).from(from).to(to).amount(amount).build();
    }
}
