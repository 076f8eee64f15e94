package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.patternhub.core.Platform;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayoutsTest {
    static final Instant T0 = Instant.parse("2026-05-25T00:00:00Z");

    static Payout etsyPayout(String id, Instant start, Instant end, PayoutStatus status) {
        return Payout.builder().platform(Platform.ETSY).externalId(id).periodStart(start).periodEnd(end)
                .currency(Currency.getInstance("USD")).gross(Money.of("100.00", "USD")).fees(Money.of("7.30", "USD"))
                .refunds(Money.of("10.00", "USD")).adjustments(Money.of("-0.20", "USD"))
                .orderIds(List.of("3001", "3002")).status(status).build();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void payoutsUpsertIdempotentlyAndReadBackEqual(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            Payouts payouts = new Payouts(store);
            Payout p = etsyPayout("d-1", T0, T0.plusSeconds(86_400 * 7), PayoutStatus.PAID);
            Fee listing = Fee.builder().kind(FeeKind.LISTING).amount(Money.of("0.20", "USD")).tax(Money.of("0.04", "USD"))
                    .description("listing fee").build();

            assertThat(payouts.upsert(p, List.of(listing))).isEqualTo(Payouts.Outcome.CREATED);
            assertThat(payouts.upsert(p, List.of(listing))).isEqualTo(Payouts.Outcome.UNCHANGED);
            // the platform's raw payload is not kept, so a re-read with one is no change either
            Payout withRaw = p.toBuilder().raw(JsonNodeFactory.instance.objectNode().put("entry_id", "d-1")).build();
            assertThat(payouts.upsert(withRaw, List.of(listing))).isEqualTo(Payouts.Outcome.UNCHANGED);
            assertThat(payouts.count()).isEqualTo(1);
            // read back with its own fees
            assertThat(payouts.find(Platform.ETSY, "d-1")).contains(p.toBuilder().addPayoutFee(listing).build());
            assertThat(payouts.payoutFees(p)).containsExactly(listing);
            // the same fees carried by the payout itself are the same payout
            Payout carrying = p.toBuilder().addPayoutFee(listing).build();
            assertThat(payouts.upsert(carrying)).isEqualTo(Payouts.Outcome.UNCHANGED);
            assertThat(payouts.upsert(carrying, List.of(listing))).isEqualTo(Payouts.Outcome.UNCHANGED);
            Fee ads = listing.toBuilder().kind(FeeKind.ADS).build();
            assertThatThrownBy(() -> payouts.upsert(carrying, List.of(ads))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("give them once");
            assertThat(payouts.find(Platform.SHOPIFY, "d-1")).isEmpty();

            Payout moreOrders = p.toBuilder().orderIds(List.of("3001", "3002", "3003")).build();
            assertThat(payouts.upsert(moreOrders)).isEqualTo(Payouts.Outcome.UPDATED);
            assertThat(payouts.find(Platform.ETSY, "d-1")).contains(moreOrders);
            assertThat(payouts.payoutFees(p)).isEmpty();
            assertThat(OrderMoneyStoreTest.rows(store, "payout_orders")).isEqualTo(3);
            assertThat(payouts.count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void arrivalOnlyPayoutsAndOverlapsByPeriod(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            Payouts payouts = new Payouts(store);
            Payout shopify = Payout.builder().platform(Platform.SHOPIFY).externalId("gid://shopify/Payout/1")
                    .arrivalDate(LocalDate.parse("2026-06-03")).currency(Currency.getInstance("EUR"))
                    .gross(Money.of("50", "EUR")).net(Money.of("50.00", "EUR")).status(PayoutStatus.IN_TRANSIT).build();
            Payout spanning = etsyPayout("d-2", Instant.parse("2026-05-28T00:00:00Z"),
                    Instant.parse("2026-06-04T00:00:00Z"), PayoutStatus.PAID);
            Payout april = etsyPayout("d-0", Instant.parse("2026-04-01T00:00:00Z"),
                    Instant.parse("2026-04-08T00:00:00Z"), PayoutStatus.PAID);
            payouts.upsert(shopify);
            payouts.upsert(spanning);
            payouts.upsert(april);

            assertThat(payouts.find(Platform.SHOPIFY, "gid://shopify/Payout/1")).contains(shopify);
            assertThat(payouts.overlapping(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")))
                    .containsExactly(spanning, shopify);
            assertThat(payouts.overlapping(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z")))
                    .containsExactly(spanning);
            // the arrival day covers that whole day (UTC), no more
            assertThat(payouts.overlapping(Instant.parse("2026-06-03T23:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")))
                    .containsExactly(spanning, shopify);
            assertThat(payouts.overlapping(Instant.parse("2026-06-04T00:00:01Z"), Instant.parse("2026-07-01T00:00:00Z")))
                    .isEmpty();
            assertThat(payouts.all()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aPayoutFeeInAnotherCurrencyIsRefused(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            Payouts payouts = new Payouts(store);
            Payout p = etsyPayout("d-1", T0, T0.plusSeconds(60), PayoutStatus.PAID);
            Fee euros = Fee.builder().kind(FeeKind.ADS).amount(Money.of("1.00", "EUR")).build();
            assertThatThrownBy(() -> payouts.upsert(p, List.of(euros))).isInstanceOf(CurrencyMismatchException.class);
            assertThat(payouts.count()).isZero();
        }
    }
}
