package io.patternhub.support.llm.internal;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.support.privacy.PiiRedactor;
import java.time.Duration;

/** Settings both LLM client builders share, checked once. */
public final class ModelSettings {
    private ModelSettings() {
    }

    public static String requireModel(String model) {
        if (model == null || model.isBlank()) {
            throw new ConfigurationException("No model name set: pass model(...) or set PATTERNHUB_LLM_MODEL",
                    ErrorContext.empty());
        }
        return model.strip();
    }

    public static Duration requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new ConfigurationException("The LLM timeout must be positive, was " + timeout, ErrorContext.empty());
        }
        return timeout;
    }

    public static RetrySettings defaultRetry() {
        return RetrySettings.defaults();
    }

    public static PiiRedactor defaultRedactor() {
        return PiiRedactor.defaults();
    }
}
