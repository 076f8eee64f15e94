package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.shopify.ShopifyCostPacer.Reservation;
import io.patternhub.shopify.ShopifyCostPacer.ThrottleStatus;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The pacer's model when answers overlap, on simulated time: a report must not hand out points that a
 * query still unanswered has reserved, nor points of a query answered after the report was written.
 */
class ShopifyCostPacerReservationTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
    private final ShopifyCostPacer pacer = ShopifyCostPacer.create(clock, clock::advance);

    private static ThrottleStatus bucket(double available) {
        return new ThrottleStatus(100, available, 10);
    }

    @Test
    void aReportDoesNotReleaseWhatAnotherCallerReservedAndIsStillWaitingFor() throws Exception {
        pacer.afterResponse(pacer.beforeQuery(1), 1, bucket(20));
        Reservation a = pacer.beforeQuery(10);
        Reservation b = pacer.beforeQuery(10); // both fit: 20 points
        // A is answered first; Shopify wrote its report (20 - 10 = 10) before B arrived
        pacer.afterResponse(a, 10, bucket(10));

        // B's 10 points are still promised: a third query waits for the refill (10 points at 10/s)
        assertThat(pacer.beforeQuery(10).waited()).isEqualTo(Duration.ofSeconds(1));
        pacer.cancel(b);
    }

    @Test
    void aReportWrittenBeforeAnotherQueryWasChargedDoesNotReleaseItsPoints() throws Exception {
        pacer.afterResponse(pacer.beforeQuery(1), 1, bucket(20));
        Reservation a = pacer.beforeQuery(10);
        Reservation b = pacer.beforeQuery(10);
        // Shopify charged B first (report 10) then A (report 0), but A's answer is processed first
        pacer.afterResponse(a, 10, bucket(0));
        pacer.afterResponse(b, 10, bucket(10));

        // the bucket is empty: the next 10 points take a second to restore
        assertThat(pacer.beforeQuery(10).waited()).isEqualTo(Duration.ofSeconds(1));
    }
}
