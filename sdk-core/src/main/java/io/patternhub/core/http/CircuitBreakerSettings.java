package io.patternhub.core.http;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import java.time.Duration;

/**
 * When the transport stops calling a failing platform: after {@code failureThreshold} consecutive
 * 5xx answers or connection failures the circuit opens and calls fail fast with a
 * {@code ConnectionException} for {@code openDuration}; then one trial call decides whether it
 * closes again.
 *
 * @param failureThreshold consecutive failures that open the circuit; 0 disables the breaker
 * @param openDuration     how long the circuit stays open
 */
public record CircuitBreakerSettings(int failureThreshold, Duration openDuration) {

    public CircuitBreakerSettings {
        if (failureThreshold < 0 || openDuration.isNegative()) {
            throw new ConfigurationException("Invalid circuit breaker settings: threshold " + failureThreshold
                    + ", open for " + openDuration, ErrorContext.empty());
        }
    }

    /** Opens after 10 consecutive failures, for 30 seconds. */
    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(10, Duration.ofSeconds(30));
    }

    /** No circuit breaker. */
    public static CircuitBreakerSettings disabled() {
        return new CircuitBreakerSettings(0, Duration.ZERO);
    }
}
