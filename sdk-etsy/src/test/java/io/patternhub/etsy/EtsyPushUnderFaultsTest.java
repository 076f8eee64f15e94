package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.draft;
import static io.patternhub.etsy.EtsyTestSupport.fastStorefront;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Listing;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 300-listing push through a 429 storm and 5xx bursts: no listing missing, none duplicated. */
class EtsyPushUnderFaultsTest {
    private static final int LISTINGS = 300;

    @Test
    void threeHundredListingsSurviveA429StormAndA5xxBurst() throws Exception {
        // The sandbox allows 40 calls a second; the client is told it may send 80, so Etsy's 429s come
        // for real, on top of the injected ones.
        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(40).storeFileContent(false).build().start();
             EtsyStorefront store = fastStorefront(etsy, 80).writeAttempts(12).build()) {
            etsy.faults().add(FaultPlan.storm(42, 0.08, 60, List.of(
                    Fault.tooManyRequests(Duration.ofSeconds(1)),
                    Fault.serverError(500),
                    Fault.serverError(503),
                    Fault.processThenDrop())).matching(RequestMatchers.pathStartsWith("/v3/application/")));
            FaultPlan burst = etsy.faults().add(FaultPlan.next(25, Fault.serverError(502))
                    .matching(RequestMatchers.writes()));
            // Creations whose answer is lost after Etsy made the listing: the unknown outcome to recover from.
            FaultPlan lost = etsy.faults().add(FaultPlan.next(5, Fault.processThenDrop())
                    .matching(RequestMatchers.route("POST", "/v3/application/shops/{shop_id}/listings")));

            List<Listing> pushed = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Listing>> futures = new ArrayList<>();
                for (int i = 0; i < LISTINGS; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> store.createListing(draft("PUSH-" + n, "Pushed pattern " + n,
                            "4.50"))));
                }
                for (Future<Listing> f : futures) {
                    pushed.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }

            List<EtsyListingView> held = etsy.listings();
            assertThat(held).hasSize(LISTINGS);
            Map<String, EtsyListingView> bySku = held.stream()
                    .collect(Collectors.toMap(l -> l.sku().orElseThrow(), Function.identity()));
            assertThat(bySku).hasSize(LISTINGS); // every listing carries a distinct SKU
            for (int i = 0; i < LISTINGS; i++) {
                assertThat(etsy.listingsWithSku("PUSH-" + i)).as("PUSH-" + i).hasSize(1);
            }
            assertThat(pushed).allSatisfy(l -> assertThat(String.valueOf(bySku.get(l.sku().orElseThrow()).listingId()))
                    .isEqualTo(l.externalId()));
            // The faults really happened.
            assertThat(burst.injectedCount()).isEqualTo(25);
            assertThat(etsy.journal().count(e -> e.status() == 429)).isGreaterThan(0);
            assertThat(lost.injectedCount()).isEqualTo(5);
            assertThat(etsy.faults().injectedCount()).isGreaterThan(30); // the storm added its own
            assertThat(etsy.responseViolations()).isEmpty();
        }
    }
}
