package io.patternhub.core.error;

import io.patternhub.core.Platform;
import java.util.Objects;

/**
 * The platform does not offer what was asked (for example Shopify has no digital-download API and
 * Ravelry reports no fees). Thrown instead of silently doing nothing.
 */
public class CapabilityNotSupportedException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    private final String capability;

    public CapabilityNotSupportedException(Platform platform, String capability, String why) {
        super(platform.displayName() + " does not support " + capability + ": " + why,
                ErrorContext.builder().platform(platform).build());
        this.capability = Objects.requireNonNull(capability, "capability");
    }

    /** The capability that was asked for, in the words of {@code Capabilities}. */
    public String capability() {
        return capability;
    }
}
