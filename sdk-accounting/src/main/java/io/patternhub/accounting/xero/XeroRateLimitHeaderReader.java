package io.patternhub.accounting.xero;

import io.patternhub.core.http.RateLimitHeaderReader;
import io.patternhub.core.http.RateLimitStatus;
import io.patternhub.core.http.ResponseHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Xero's limit headers: {@code X-MinLimit-Remaining} (60 per minute per organisation),
 * {@code X-DayLimit-Remaining} (5,000 per day), {@code X-AppMinLimit-Remaining} (10,000 per minute per
 * app), {@code Retry-After}, and on a 429 {@code X-Rate-Limit-Problem} naming the limit that was hit.
 * A window at zero pauses every caller of the connection until it refills.
 */
public final class XeroRateLimitHeaderReader implements RateLimitHeaderReader {
    /** The header naming the limit a 429 hit: {@code minute}, {@code day}, {@code appminute} or {@code concurrent}. */
    public static final String PROBLEM_HEADER = "x-rate-limit-problem";

    @Override
    public RateLimitStatus read(ResponseHeaders headers, Instant now) {
        RateLimitHeaderReader.Collector c = new RateLimitHeaderReader.Collector(headers, now)
                .fixedLimitWindow("minute", Duration.ofMinutes(1), 60, "x-minlimit-remaining")
                .fixedLimitWindow("app-minute", Duration.ofMinutes(1), 10_000, "x-appminlimit-remaining")
                .fixedLimitWindow("day", Duration.ofDays(1), 5_000, "x-daylimit-remaining");
        c.raw(PROBLEM_HEADER);
        return c.build();
    }

    /**
     * Which limit a throttled response hit, from {@code X-Rate-Limit-Problem}.
     *
     * @param status the status read from a response or an error's rate-limit headers
     * @return the limit's name, when Xero said
     */
    public static Optional<String> problem(RateLimitStatus status) {
        return Optional.ofNullable(status.headers().get(PROBLEM_HEADER));
    }
}
