package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real pacer never sleeps less than the bucket needs: waits are rounded up, not to the nearest millisecond. */
class ShopifyCostPacerSleepTest {

    @Test
    void waitsAreRoundedUpToWholeMilliseconds() {
        assertThat(ShopifyCostPacer.wholeMillisAtLeast(Duration.ofNanos(10_400_000))).isEqualTo(11);
        assertThat(ShopifyCostPacer.wholeMillisAtLeast(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(ShopifyCostPacer.wholeMillisAtLeast(Duration.ofMillis(10))).isEqualTo(10);
        assertThat(ShopifyCostPacer.wholeMillisAtLeast(Duration.ZERO)).isZero();
    }
}
