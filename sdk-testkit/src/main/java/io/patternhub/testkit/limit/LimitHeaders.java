package io.patternhub.testkit.limit;

import java.util.Map;

/**
 * Turns a limiter's state into the platform's rate-limit headers, added to every response the
 * limiter judged (throttled or not). Examples:
 *
 * <ul>
 *   <li>Etsy: {@code limitAndRemaining("x-limit-per-second", "x-remaining-this-second")} and
 *       {@code limitAndRemaining("x-limit-per-day", "x-remaining-today")}</li>
 *   <li>Xero: {@code remaining("X-MinLimit-Remaining")}, {@code remaining("X-DayLimit-Remaining")}</li>
 *   <li>Shopify REST: {@code s -> Map.of("X-Shopify-Shop-Api-Call-Limit", s.used() + "/" + s.limit())}</li>
 * </ul>
 */
@FunctionalInterface
public interface LimitHeaders {
    /**
     * The headers for one judged request.
     *
     * @param state the limiter state after the request
     * @return header names to values
     */
    Map<String, String> headers(LimitState state);

    /**
     * No headers.
     *
     * @return a hook that adds nothing
     */
    static LimitHeaders none() {
        return state -> Map.of();
    }

    /**
     * A limit header and a remaining header.
     *
     * @param limitHeader the header carrying the limit
     * @param remainingHeader the header carrying what is left
     * @return the hook
     */
    static LimitHeaders limitAndRemaining(String limitHeader, String remainingHeader) {
        return state -> Map.of(limitHeader, Long.toString(state.limit()),
                remainingHeader, Long.toString(Math.max(0, state.remaining())));
    }

    /**
     * Only a remaining header.
     *
     * @param remainingHeader the header carrying what is left
     * @return the hook
     */
    static LimitHeaders remaining(String remainingHeader) {
        return state -> Map.of(remainingHeader, Long.toString(Math.max(0, state.remaining())));
    }
}
