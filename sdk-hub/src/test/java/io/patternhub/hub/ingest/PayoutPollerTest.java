package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayoutPollerTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant W1 = Instant.parse("2026-05-04T00:00:00Z");
    static final Instant W2 = Instant.parse("2026-05-11T00:00:00Z");

    /** Answers payout queries from a list, by period end at or after {@code since}, and records the queries. */
    static final class PayoutStorefront implements Storefront {
        final List<Payout> payouts = Collections.synchronizedList(new ArrayList<>());
        final List<PayoutQuery> queries = Collections.synchronizedList(new ArrayList<>());
        final boolean reportsPayouts;

        PayoutStorefront(boolean reportsPayouts) {
            this.reportsPayouts = reportsPayouts;
        }

        @Override
        public Platform platform() {
            return Platform.ETSY;
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().platform(Platform.ETSY).payouts(reportsPayouts).build();
        }

        @Override
        public Stream<Listing> listings() {
            return Stream.empty();
        }

        @Override
        public Stream<Order> orders(OrderQuery query) {
            return Stream.empty();
        }

        @Override
        public Order order(String externalId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<Payout> payouts(PayoutQuery query) {
            queries.add(query);
            Instant since = query.since().orElseThrow();
            return List.copyOf(payouts).stream().filter(p -> !p.periodEnd().orElseThrow().isBefore(since));
        }
    }

    static Payout payout(String id, Instant end, String gross, PayoutStatus status) {
        return Payout.builder().platform(Platform.ETSY).externalId(id).periodStart(end.minus(Duration.ofDays(7)))
                .periodEnd(end).currency(java.util.Currency.getInstance("USD")).gross(Money.of(gross, "USD"))
                .fees(Money.of("1.00", "USD")).status(status).addOrderIds("o-" + id).build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void pollsFromAPersistedCursorAndNeverRewritesASettledPayout(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(W2))) {
            PayoutStorefront etsy = new PayoutStorefront(true);
            PayoutPoller poller = new PayoutPoller(store, Duration.ofDays(2), START);
            Payouts payouts = new Payouts(store);
            Payout first = payout("d-1", W1, "40.00", PayoutStatus.PAID);
            Payout pending = payout("d-2", W2, "25.00", PayoutStatus.PENDING);
            etsy.payouts.addAll(List.of(first, pending));

            PayoutPoller.PollResult r1 = poller.poll("etsy", etsy);
            assertThat(r1.skipped()).isFalse();
            assertThat(r1.seen()).isEqualTo(2);
            assertThat(r1.changed()).isEqualTo(2);
            assertThat(r1.cursor()).contains(W2);
            assertThat(poller.cursor("etsy")).contains(W2);
            assertThat(etsy.queries.get(0).since()).contains(START);

            // next poll: from the cursor less the rescan window; the pending payout has been paid, and the
            // settled one comes back truncated (its start lies before the window): only the first may change
            Payout paid = pending.toBuilder().status(PayoutStatus.PAID).build();
            Payout truncated = first.toBuilder().gross(Money.of("3.00", "USD")).net(Money.of("2.00", "USD"))
                    .orderIds(List.of()).build();
            etsy.payouts.clear();
            etsy.payouts.addAll(List.of(truncated, paid));
            PayoutPoller.PollResult r2 = poller.poll("etsy", etsy);
            assertThat(etsy.queries.get(1).since()).contains(W2.minus(Duration.ofDays(2)));
            assertThat(r2.seen()).isEqualTo(1); // the truncated one ends before the window
            assertThat(r2.changed()).isEqualTo(1);
            assertThat(payouts.find(Platform.ETSY, "d-2")).contains(paid);

            etsy.payouts.add(truncated.toBuilder().periodEnd(W2).build());
            poller.poll("etsy", etsy);
            assertThat(payouts.find(Platform.ETSY, "d-1")).contains(first);
            assertThat(payouts.count()).isEqualTo(2);

            // polling again with nothing new changes nothing and keeps the cursor
            PayoutPoller.PollResult r3 = poller.poll("etsy", etsy);
            assertThat(r3.changed()).isZero();
            assertThat(r3.cursor()).contains(W2);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aStorefrontWithoutPayoutsIsSkippedNotFailed(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(W2))) {
            PayoutStorefront woo = new PayoutStorefront(false);
            woo.payouts.add(payout("never", W1, "1.00", PayoutStatus.PAID));
            PayoutPoller.PollResult r = new PayoutPoller(store, Duration.ZERO, START).poll("woo", woo);
            assertThat(r.skipped()).isTrue();
            assertThat(r.seen()).isZero();
            assertThat(woo.queries).isEmpty();
            assertThat(new Payouts(store).count()).isZero();
            assertThat(r.cursor()).isEmpty();
        }
    }
}
