package io.patternhub.core.storefront;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import io.patternhub.core.model.PayoutStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** Which payouts {@link Storefront#payouts} returns. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePayoutQuery.class)
@JsonDeserialize(as = ImmutablePayoutQuery.class)
public interface PayoutQuery {

    /** Only payouts created at or after this time. */
    Optional<Instant> since();

    /** Only payouts created before this time. */
    Optional<Instant> until();

    /** Only payouts in these states; all when empty. */
    Set<PayoutStatus> statuses();

    @Value.Check
    default void check() {
        if (since().isPresent() && until().isPresent() && !until().get().isAfter(since().get())) {
            throw new InvalidModelException("PayoutQuery", "until", "must be after since");
        }
    }

    /** Every payout. */
    static PayoutQuery all() {
        return builder().build();
    }

    static ImmutablePayoutQuery.Builder builder() {
        return ImmutablePayoutQuery.builder();
    }

    default ImmutablePayoutQuery.Builder toBuilder() {
        return ImmutablePayoutQuery.builder().from(this);
    }
}
