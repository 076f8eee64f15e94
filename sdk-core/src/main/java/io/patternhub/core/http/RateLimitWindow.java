package io.patternhub.core.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a platform said about one of its rate-limit windows (per second, per minute, per day...).
 *
 * @param name      the platform's name for the window, for example {@code second} or {@code day}
 * @param period    how long the window lasts
 * @param limit     how many calls the window allows, when the platform said
 * @param remaining how many calls are left in the current window, when the platform said
 * @param resetsIn  how long until the window refills, when the platform said
 */
public record RateLimitWindow(String name, Duration period, OptionalLong limit, OptionalLong remaining,
        Optional<Duration> resetsIn) {

    public RateLimitWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(resetsIn, "resetsIn");
    }

    /** A window with the given counts; a negative value means "not reported". */
    public static RateLimitWindow of(String name, Duration period, long limit, long remaining) {
        return new RateLimitWindow(name, period,
                limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit),
                remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining),
                Optional.empty());
    }

    /** Whether the platform reported no calls left in this window. */
    public boolean exhausted() {
        return remaining.isPresent() && remaining.getAsLong() <= 0;
    }

    /** How long to wait for this window to refill: the reported reset, else one whole period. */
    public Duration waitForRefill() {
        return resetsIn.orElse(period);
    }
}
