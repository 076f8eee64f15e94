package io.patternhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reconcile input read in batch ({@link Orders#ordersToReconcile}, {@link Payouts#overlapping}) equals
 * the order-by-order path, and takes as many queries for 40 orders as for 4.
 */
class ReconcileReadTest {
    static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");

    /** Counts the statements prepared through a data source. */
    static final class Counting {
        final AtomicInteger statements = new AtomicInteger();

        DataSource wrap(DataSource ds) {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(ds, method, args);
                        return result instanceof Connection c ? connection(c) : result;
                    });
        }

        private Connection connection(Connection c) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare")) {
                            statements.incrementAndGet();
                        }
                        return invoke(c, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** {@code n} orders of each kind: placed in May, placed in March and refunded in May, placed in March and paid out in May, and one outside. */
    private static List<Order> orders(int n) {
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(order(Platform.ETSY, "may-" + i, MAY.plus(Duration.ofHours(i + 1)), List.of()));
            out.add(order(Platform.SHOPIFY, "refunded-" + i, Instant.parse("2026-03-03T10:00:00Z").plusSeconds(i),
                    List.of(Refund.builder().externalId("r-" + i).amount(Money.of("1.00", "EUR"))
                            .createdAt(MAY.plus(Duration.ofDays(3))).reason("late").build())));
            out.add(order(Platform.ETSY, "settled-" + i, Instant.parse("2026-03-20T10:00:00Z").plusSeconds(i), List.of()));
            out.add(order(Platform.ETSY, "outside-" + i, Instant.parse("2026-02-20T10:00:00Z").plusSeconds(i), List.of()));
        }
        return out;
    }

    private static Order order(Platform platform, String id, Instant at, List<Refund> refunds) {
        return OrderMoneyStoreTest.fullOrder().toBuilder().platform(platform).externalId(id).createdAt(at)
                .updatedAt(at.plusSeconds(60)).refunds(refunds)
                .buyer(CustomerRef.builder().platform(platform).externalId("buyer-" + id).email(id + "@example.com")
                        .country("DE").build())
                .build();
    }

    private static Payout payout(String id, Instant start, Instant end, List<String> orderIds) {
        return Payout.builder().platform(Platform.ETSY).externalId(id).periodStart(start).periodEnd(end)
                .currency(Currency.getInstance("USD")).gross(Money.of("10.00", "USD"))
                .fees(Money.of("0.20", "USD")).adjustments(Money.of("0.20", "USD"))
                .addPayoutFee(Fee.builder().kind(FeeKind.LISTING).amount(Money.of("0.20", "USD")).build())
                .orderIds(orderIds).status(PayoutStatus.PAID).build();
    }

    /** Reads the period both ways; returns the statements the batch read prepared. */
    private static int readBothWays(Vendor vendor, int n) {
        Counting counting = new Counting();
        try (HubStore store = HubStore.builder().dataSource(counting.wrap(TestStores.freshDataSource(vendor)))
                .clock(ManualClock.at(JUNE)).build()) {
            OrderIngest ingest = OrderIngest.builder(store).build();
            orders(n).forEach(o -> ingest.ingest(o, null));
            Payouts payouts = new Payouts(store);
            List<String> settled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                settled.add("settled-" + i);
            }
            payouts.upsert(payout("p-may", MAY.plus(Duration.ofDays(2)), MAY.plus(Duration.ofDays(9)), settled));
            payouts.upsert(payout("p-feb", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-28T00:00:00Z"),
                    List.of("outside-0")));
            Orders orders = new Orders(store);

            // order by order: the active orders, then those the overlapping payouts list
            List<Payout> overlapping = perPayout(store, MAY, JUNE);
            Map<String, Order> expected = new LinkedHashMap<>();
            orders.ordersActiveBetween(MAY, JUNE).forEach(o -> expected.put(o.platform() + "/" + o.externalId(), o));
            for (Payout p : overlapping) {
                orders.ordersByExternalIds(p.platform(), p.orderIds())
                        .forEach(o -> expected.putIfAbsent(o.platform() + "/" + o.externalId(), o));
            }
            List<Order> byOrder = new ArrayList<>(expected.values());
            byOrder.sort(Comparator.comparing(Order::createdAt).thenComparing(o -> o.platform().name())
                    .thenComparing(Order::externalId));

            int before = counting.statements.get();
            List<Payout> batchPayouts = payouts.overlapping(MAY, JUNE);
            List<Order> batch = orders.ordersToReconcile(MAY, JUNE);
            int statements = counting.statements.get() - before;

            assertThat(batchPayouts).isEqualTo(overlapping).extracting(Payout::externalId).containsExactly("p-may");
            assertThat(batch).hasSize(3 * n).isEqualTo(byOrder);
            assertThat(batch).extracting(Order::externalId).noneMatch(id -> id.startsWith("outside-"));
            assertThat(batch).allSatisfy(o -> assertThat(o.buyer()).isPresent());
            return statements;
        }
    }

    /** The payouts overlapping a period, each read on its own. */
    private static List<Payout> perPayout(HubStore store, Instant from, Instant to) {
        Payouts payouts = new Payouts(store);
        List<Payout> out = new ArrayList<>();
        for (Payout p : payouts.all()) {
            if (p.periodEnd().orElseThrow().isAfter(from) && p.periodStart().orElseThrow().isBefore(to)) {
                out.add(payouts.find(p.platform(), p.externalId()).orElseThrow());
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void batchReadEqualsTheOrderByOrderPathInAFixedNumberOfQueries(Vendor vendor) {
        int few = readBothWays(vendor, 1);
        int many = readBothWays(vendor, 10);
        assertThat(many).isEqualTo(few).isLessThanOrEqualTo(12);
    }
}
