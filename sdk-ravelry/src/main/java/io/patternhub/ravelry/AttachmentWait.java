package io.patternhub.ravelry;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for an uploaded PDF to appear on its product. Ravelry's upload answers only
 * {@code success}; the attachment shows up in the product "when it is ready (usually within seconds)",
 * so the storefront polls the product's attachments: first after {@code firstDelay}, then doubling up
 * to {@code maxDelay}, at most {@code maxPolls} times.
 *
 * @param maxPolls   how many times to look, at least 1
 * @param firstDelay the pause before the first look
 * @param maxDelay   the longest pause between looks
 */
public record AttachmentWait(int maxPolls, Duration firstDelay, Duration maxDelay) {

    public AttachmentWait {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxPolls < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new ConfigurationException("AttachmentWait needs maxPolls >= 1 and 0 <= firstDelay <= maxDelay, was "
                    + maxPolls + ", " + firstDelay + ", " + maxDelay, ErrorContext.builder().platform(Platform.RAVELRY)
                    .build());
        }
    }

    /** 12 looks, from 500 ms doubling to 8 s: about a minute in all. */
    public static AttachmentWait defaults() {
        return new AttachmentWait(12, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /**
     * The pause before look number {@code poll} (from 1).
     *
     * @param poll the look
     * @return the pause
     */
    public Duration delayBefore(int poll) {
        Duration d = firstDelay;
        for (int i = 1; i < poll && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
