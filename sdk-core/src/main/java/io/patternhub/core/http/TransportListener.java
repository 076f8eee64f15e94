package io.patternhub.core.http;

import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import java.time.Duration;

/**
 * Receives what the transport does, for metrics and tracing. Every method has an empty default;
 * implementations must be thread-safe and fast, and an exception they throw is logged and ignored.
 */
public interface TransportListener {

    /** An attempt is about to be sent ({@code attempt} counts from 1). */
    default void onRequest(Platform platform, ApiRequest request, int attempt) {
    }

    /** An attempt got an HTTP response (successful or not) after {@code duration}. */
    default void onResponse(Platform platform, ApiRequest request, ApiResponse response, int attempt, Duration duration) {
    }

    /** A failed attempt will be retried after {@code delay}. */
    default void onRetry(Platform platform, ApiRequest request, PatternHubException failure, int nextAttempt, Duration delay) {
    }

    /** The rate limiter held a call back for {@code waited}, or the platform said it was exceeded. */
    default void onRateLimited(Platform platform, ApiRequest request, Duration waited) {
    }

    /** The call failed for good after {@code attempts} attempts. */
    default void onFailure(Platform platform, ApiRequest request, PatternHubException failure, int attempts) {
    }

    /** A listener that does nothing. */
    static TransportListener none() {
        return new TransportListener() { };
    }
}
