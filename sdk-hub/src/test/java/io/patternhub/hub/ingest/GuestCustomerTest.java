package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.hub.privacy.PrivacyService;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guest buyers (no platform customer id) are one customer row per platform and email, whatever the
 * email's case, however many threads and hub instances ingest their orders at once; the database's
 * unique index enforces it, erased rows stay out of it.
 */
class GuestCustomerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String[] SPELLINGS = {"Guest.Buyer@Example.com", "guest.buyer@example.com",
        "GUEST.BUYER@EXAMPLE.COM"};

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void ordersOfOneNewGuestFromSeveralThreadsAndTwoInstancesShareOneCustomer(Vendor vendor) throws Exception {
        ManualClock clock = ManualClock.at(T0);
        int orders = 24;
        int threads = 6;
        try (HubStore a = TestStores.fresh(vendor, clock); HubStore b = TestStores.sameDatabase(a, clock)) {
            List<OrderIngest> ingests = List.of(OrderIngest.builder(a).build(), OrderIngest.builder(b).build());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        go.await();
                        for (int i = thread; i < orders; i += threads) {
                            ingests.get(thread % 2).ingest(guestOrder(Platform.CSV, "G-" + i, SPELLINGS[i % 3]), "e-" + i);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(count(a, "SELECT COUNT(*) FROM customers")).as("customer rows").isOne();
            assertThat(count(a, "SELECT COUNT(*) FROM orders")).isEqualTo(orders);
            assertThat(count(a, "SELECT COUNT(*) FROM orders WHERE customer_id IS NULL")).isZero();
            String customer = a.inTransaction(tx -> tx.queryOne("SELECT id FROM customers", rs -> rs.getString(1)))
                    .orElseThrow();
            assertThat(new Orders(a).ofCustomer(customer)).hasSize(orders);
            assertThat(new Orders(a).customersByEmail("guest.buyer@example.com")).singleElement()
                    .satisfies(c -> assertThat(c.externalId()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theDatabaseRefusesASecondRowForTheSameGuestButNotForOtherPlatformsOrErasedRows(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            ingest.ingest(guestOrder(Platform.CSV, "G-1", "ann@example.com"), "e-1");
            ingest.ingest(guestOrder(Platform.WOOCOMMERCE, "W-1", "ann@example.com"), "e-2");
            ingest.ingest(memberOrder("M-1", "c-9", "Ann@Example.com"), "e-3");
            assertThat(count(store, "SELECT COUNT(*) FROM customers")).as("guest per platform, member apart").isEqualTo(3);

            // what the ingest's re-read relies on: a plain insert of the same guest in another case fails
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.update("INSERT INTO customers (id, platform, email,"
                    + " created_at, last_activity_at) VALUES ('dup', 'CSV', 'ANN@example.COM', ?, ?)", T0, T0)))
                    .isInstanceOf(StoreException.class);

            // erasure clears the email and pseudonymizes the row: the guest's next order starts a new row
            new PrivacyService(store, export -> { }).erase(List.of(customerOf(store, "G-1")));
            ingest.ingest(guestOrder(Platform.CSV, "G-2", "Ann@example.com"), "e-4");
            assertThat(customerOf(store, "G-2")).isNotEqualTo(customerOf(store, "G-1"));
            assertThat(count(store, "SELECT COUNT(*) FROM customers WHERE platform = 'CSV' AND erased_at IS NULL"
                    + " AND external_id IS NULL")).isOne();
            ingest.ingest(guestOrder(Platform.CSV, "G-3", "ann@EXAMPLE.com"), "e-5");
            assertThat(customerOf(store, "G-3")).isEqualTo(customerOf(store, "G-2"));
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aGdprExportByEmailHoldsEveryOrderOfTheGuest(Vendor vendor) {
        ManualClock clock = ManualClock.at(T0);
        try (HubStore store = TestStores.fresh(vendor, clock)) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            for (int i = 0; i < 3; i++) {
                ingest.ingest(guestOrder(Platform.CSV, "G-" + i, SPELLINGS[i]), "e-" + i);
            }
            ObjectNode export = new PrivacyService(store, e -> { }).exportByEmail("guest.BUYER@example.com");

            assertThat(export.get("customers")).hasSize(1);
            Set<String> exported = new HashSet<>();
            for (JsonNode o : export.get("customers").get(0).get("orders")) {
                exported.add(o.get("external_id").asText());
            }
            assertThat(exported).containsExactlyInAnyOrder("G-0", "G-1", "G-2");
            // the row keeps the spelling of the latest order
            assertThat(export.get("customers").get(0).get("customer").get("email").asText()).isEqualTo(SPELLINGS[2]);
        }
    }

    static Order guestOrder(Platform platform, String id, String email) {
        return order(platform, id, CustomerRef.builder().platform(platform).email(email).build());
    }

    private static Order memberOrder(String id, String customerId, String email) {
        return order(Platform.CSV, id, CustomerRef.builder().platform(Platform.CSV).externalId(customerId).email(email).build());
    }

    private static Order order(Platform platform, String id, CustomerRef buyer) {
        Currency eur = Currency.getInstance("EUR");
        return Order.builder().platform(platform).externalId(id).currency(eur).createdAt(T0).updatedAt(T0)
                .status(OrderStatus.PAID).subtotal(Money.of("6.00", eur)).total(Money.of("6.00", eur)).buyer(buyer)
                .addLineItems(LineItem.builder().sku("TEE-01").title("Tee").quantity(1).unitPrice(Money.of("6.00", eur))
                        .build())
                .build();
    }

    private static String customerOf(HubStore store, String orderExternalId) {
        return store.inTransaction(tx -> tx.queryOne("SELECT customer_id FROM orders WHERE external_id = ?",
                rs -> rs.getString(1), orderExternalId)).orElseThrow();
    }

    private static long count(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElse(0L));
    }
}
