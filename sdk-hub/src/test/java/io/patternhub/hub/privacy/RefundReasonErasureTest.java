package io.patternhub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Refund reasons are free text a buyer may have written: erasure clears them and keeps the money. */
class RefundReasonErasureTest {
    private static final Instant T0 = Instant.parse("2026-05-02T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void erasureClearsRefundReasonsAndKeepsFeesTaxesAndRefunds(Vendor vendor) {
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(T0))) {
            Order order = Order.builder().platform(Platform.SHOPIFY).externalId("gid://shopify/Order/1").createdAt(T0)
                    .buyer(CustomerRef.builder().platform(Platform.SHOPIFY).externalId("gid://shopify/Customer/5")
                            .email("zoe.quilter@example.com").name("Zoe Quilter").country("FR").build())
                    .currency(Currency.getInstance("EUR")).subtotal(Money.of("10.00", "EUR"))
                    .total(Money.of("12.00", "EUR")).status(OrderStatus.PARTIALLY_REFUNDED)
                    .addTaxes(TaxLine.builder().amount(Money.of("2.00", "EUR")).country("FR")
                            .collectedBy(TaxCollector.SELLER).build())
                    .addFees(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(Money.of("0.55", "EUR")).build())
                    .addRefunds(Refund.builder().externalId("r1").amount(Money.of("3.00", "EUR")).createdAt(T0)
                            .reason("Zoe Quilter wrote: printed the wrong size").build())
                    .build();
            OrderIngest.builder(store).build().ingest(order, null);
            assertThat(ErasureTest.traces(store, "Quilter")).contains("order_refunds.reason");

            PrivacyService privacy = new PrivacyService(store, e -> { });
            assertThat(privacy.exportByEmail("zoe.quilter@example.com").at("/customers/0/orders/0/refunds/0/reason")
                    .asText()).isEqualTo("Zoe Quilter wrote: printed the wrong size");
            privacy.eraseByEmail("zoe.quilter@example.com");

            assertThat(ErasureTest.traces(store, "Quilter")).isEmpty();
            assertThat(ErasureTest.traces(store, "zoe.quilter")).isEmpty();
            Order kept = new Orders(store).findOrder(Platform.SHOPIFY, "gid://shopify/Order/1").orElseThrow();
            assertThat(kept.refunds()).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEmpty();
                assertThat(r.amount()).isEqualTo(Money.of("3.00", "EUR"));
            });
            assertThat(kept.fees()).isEqualTo(order.fees());
            assertThat(kept.taxes()).isEqualTo(order.taxes());
            assertThat(kept.buyer().orElseThrow().email()).isEmpty();
        }
    }
}
