package io.patternhub.hub.privacy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.time.Duration;
import java.util.Optional;

/**
 * How long the hub keeps what. Each rule is optional; an absent rule keeps data forever.
 *
 * @param eraseInactiveCustomersAfter erase the personal data of customers with no order activity for this long
 * @param deleteProcessedInboxAfter  delete processed webhook inbox rows (only ids remain) after this long
 * @param deleteExpiredLinksAfter    delete download links this long after they expired
 */
public record RetentionPolicy(Optional<Duration> eraseInactiveCustomersAfter, Optional<Duration> deleteProcessedInboxAfter,
                              Optional<Duration> deleteExpiredLinksAfter) {

    /** Checks that every duration is positive. */
    public RetentionPolicy {
        for (Optional<Duration> d : java.util.List.of(eraseInactiveCustomersAfter, deleteProcessedInboxAfter,
                deleteExpiredLinksAfter)) {
            if (d.isPresent() && (d.get().isNegative() || d.get().isZero())) {
                throw new ConfigurationException("Retention periods must be positive, was " + d.get(), ErrorContext.empty());
            }
        }
    }

    /** A policy that keeps everything; add rules with the {@code with...} methods. */
    public static RetentionPolicy keepEverything() {
        return new RetentionPolicy(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Also erase customers inactive for {@code d}.
     *
     * @param d the inactivity period
     * @return a new policy
     */
    public RetentionPolicy withInactiveCustomersErasedAfter(Duration d) {
        return new RetentionPolicy(Optional.of(d), deleteProcessedInboxAfter, deleteExpiredLinksAfter);
    }

    /**
     * Also delete processed inbox rows older than {@code d}.
     *
     * @param d the age
     * @return a new policy
     */
    public RetentionPolicy withProcessedInboxDeletedAfter(Duration d) {
        return new RetentionPolicy(eraseInactiveCustomersAfter, Optional.of(d), deleteExpiredLinksAfter);
    }

    /**
     * Also delete links expired for longer than {@code d}.
     *
     * @param d the time since expiry
     * @return a new policy
     */
    public RetentionPolicy withExpiredLinksDeletedAfter(Duration d) {
        return new RetentionPolicy(eraseInactiveCustomersAfter, deleteProcessedInboxAfter, Optional.of(d));
    }
}
