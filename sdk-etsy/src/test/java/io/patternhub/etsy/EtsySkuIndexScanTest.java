package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.draft;
import static io.patternhub.etsy.EtsyTestSupport.fastStorefront;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The SKU index behind idempotent {@code createListing} is rebuilt by a full scan of the shop (one request
 * per listing state and page) when it is older than its TTL. Several callers that find it stale at once
 * must share one scan: the catalog sync's workers used to scan once each, the extra requests of issue 11.
 */
class EtsySkuIndexScanTest {
    private static final String BY_STATE = "/v3/application/shops/{shop_id}/listings";
    private static final int STATES = 5; // draft, active, inactive, sold_out, expired: one page each here

    @Test
    void callersThatFindTheIndexStaleAtOnceShareOneScan() throws Exception {
        ManualClock clock = ManualClock.at(Instant.now());
        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(1_000).build().start();
                EtsyStorefront store = fastStorefront(etsy, 1_000).clock(clock).skuIndexTtl(Duration.ofMinutes(1))
                        .build()) {
            store.createListing(draft("SEED-1", "Seed Pattern", "5.00"));
            assertThat(scans(etsy)).isEqualTo(STATES);
            clock.advance(Duration.ofMinutes(2));
            // slow scan answers keep the first scan running while every other caller finds the index stale
            etsy.faults().next(STATES, r -> "GET".equals(r.method()) && r.path().endsWith("/listings"),
                    Fault.slow(Duration.ofMillis(150), Duration.ZERO));

            int callers = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 1; i <= callers; i++) {
                    String sku = "NEW-" + i;
                    done.add(pool.submit(() -> {
                        go.await();
                        return store.createListing(draft(sku, "Pattern " + sku, "5.00"));
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(scans(etsy)).as("one shared scan after the TTL, not one per caller").isEqualTo(2L * STATES);
            assertThat(etsy.listings()).hasSize(callers + 1);
            for (int i = 1; i <= callers; i++) {
                assertThat(etsy.listingsWithSku("NEW-" + i)).hasSize(1);
            }
        }
    }

    @Test
    void aFreshIndexIsNotScannedAgain() {
        ManualClock clock = ManualClock.at(Instant.now());
        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(1_000).build().start();
                EtsyStorefront store = fastStorefront(etsy, 1_000).clock(clock).skuIndexTtl(Duration.ofMinutes(1))
                        .build()) {
            store.createListing(draft("A-1", "First", "5.00"));
            clock.advance(Duration.ofSeconds(59));
            store.createListing(draft("A-2", "Second", "5.00"));
            assertThat(scans(etsy)).isEqualTo(STATES);
            clock.advance(Duration.ofSeconds(1));
            store.createListing(draft("A-3", "Third", "5.00"));
            assertThat(scans(etsy)).isEqualTo(2L * STATES);
        }
    }

    private static long scans(EtsySandbox etsy) {
        return etsy.journal().count("GET", BY_STATE);
    }
}
