package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.patternhub.core.model.Order;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Imported orders keep their fees, taxes and refunds in the hub: what reconciliation reads is what was imported. */
class CsvOrdersInHubTest {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyImportedOrderReadsBackFromTheHubWithItsFeesTaxesAndRefunds(Vendor vendor) {
        List<Order> imported = new ArrayList<>();
        imported.addAll(Samples.load(CsvMappings.generic(), "generic.csv").ordersOrThrow());
        imported.addAll(Samples.load(CsvMappings.gumroad(), "gumroad.csv").ordersOrThrow());
        imported.addAll(Samples.load(CsvMappings.etsySoldOrders(), "etsy-sold-orders.csv").ordersOrThrow());
        imported.addAll(Samples.load(CsvMappings.payhip().toBuilder().numberLocale(Locale.GERMANY).build(),
                "payhip.csv").ordersOrThrow());
        assertThat(imported).anySatisfy(o -> assertThat(o.fees()).isNotEmpty());
        assertThat(imported).anySatisfy(o -> assertThat(o.taxes()).isNotEmpty());
        assertThat(imported).anySatisfy(o -> assertThat(o.refunds()).isNotEmpty());
        try (HubStore store = TestStores.fresh(vendor, ManualClock.at(Instant.parse("2026-06-01T00:00:00Z")))) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            imported.forEach(o -> ingest.ingest(o, null));
            Orders orders = new Orders(store);
            for (Order o : imported) {
                // the hub keeps no raw rows (they may hold the buyer's name)
                Order expected = o.toBuilder().raw(MissingNode.getInstance()).build();
                assertThat(orders.findOrder(o.platform(), o.externalId())).as(o.externalId()).contains(expected);
            }
        }
    }
}
