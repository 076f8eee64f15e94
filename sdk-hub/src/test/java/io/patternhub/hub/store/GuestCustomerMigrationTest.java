package io.patternhub.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.privacy.PrivacyService;
import io.patternhub.testkit.time.ManualClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V5 on a database that already holds duplicate guest rows (made with the V4 schema, as hubs before V5
 * could): each guest's rows become its oldest one, with the latest name, country and activity, and every
 * order, entitlement and notification record follows; other customers are left as they were.
 */
class GuestCustomerMigrationTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void duplicateGuestRowsAreMergedIntoTheOldestWithEverythingRepointed(Vendor vendor) throws Exception {
        DataSource database = TestStores.freshDataSource(vendor);
        Flyway.configure(HubStore.class.getClassLoader()).dataSource(database)
                .locations(vendor.migrationLocations()).target("4").load().migrate();
        ManualClock clock = ManualClock.at(T0);
        try (HubStore v4 = HubStore.builder().dataSource(database).clock(clock).migrate(false).build()) {
            v4.inTransaction(tx -> {
                // Ann: three guest rows in three spellings; the oldest is g1, the most recently active g2
                customer(tx, "g1", "CSV", null, "Ann@Example.com", "Ann", null, 0, 60, null);
                customer(tx, "g2", "CSV", null, "ann@example.com", "Ann B", "DE", 60, 300, null);
                customer(tx, "g3", "CSV", null, "ANN@example.com", null, "FR", 120, 180, null);
                // left alone: an erased row, Ann on another platform, Ann with a customer id, another guest
                customer(tx, "erased", "CSV", "erased:erased", null, null, null, 10, 10, 20L);
                customer(tx, "woo", "WOOCOMMERCE", null, "ann@example.com", "Ann W", null, 0, 0, null);
                customer(tx, "member", "CSV", "c-7", "ann@example.com", "Ann M", null, 0, 0, null);
                customer(tx, "bob", "CSV", null, "bob@example.com", "Bob", null, 0, 0, null);
                order(tx, "o1", "g1");
                order(tx, "o2", "g2");
                order(tx, "o3", "g3");
                order(tx, "o4", "g3");
                order(tx, "ow", "woo");
                order(tx, "om", "member");
                order(tx, "ob", "bob");
                order(tx, "oe", "erased");
                entitlement(tx, "e2", "o2", "g2");
                entitlement(tx, "e3", "o3", "g3");
                entitlement(tx, "eb", "ob", "bob");
                notification(tx, "access:o3", "g3");
                notification(tx, "access:o4", "g3");
                return null;
            });
        }

        try (HubStore store = HubStore.builder().dataSource(database).clock(clock).build()) {
            assertThat(ids(store, "SELECT id FROM customers ORDER BY id"))
                    .containsExactly("bob", "erased", "g1", "member", "woo");
            CustomerRecord ann = new Orders(store).customer("g1").orElseThrow();
            assertThat(ann.name()).as("latest name").contains("Ann B");
            assertThat(ann.country()).as("latest country").contains("DE");
            assertThat(ann.email()).as("latest spelling").contains("ann@example.com");
            assertThat(ann.lastActivityAt()).isEqualTo(T0.plus(Duration.ofMinutes(300)));
            assertThat(ann.createdAt()).isEqualTo(T0);
            assertThat(ids(store, "SELECT id FROM orders WHERE customer_id = 'g1' ORDER BY id"))
                    .containsExactly("o1", "o2", "o3", "o4");
            assertThat(ids(store, "SELECT id FROM entitlements WHERE customer_id = 'g1' ORDER BY id"))
                    .containsExactly("e2", "e3");
            assertThat(ids(store, "SELECT notification_key FROM notifications_sent WHERE customer_id = 'g1'"
                    + " ORDER BY notification_key")).containsExactly("access:o3", "access:o4");
            assertThat(ids(store, "SELECT customer_id FROM orders WHERE id IN ('ow', 'om', 'ob', 'oe') ORDER BY id"))
                    .containsExactly("bob", "erased", "member", "woo");
            assertThat(ids(store, "SELECT customer_id FROM entitlements WHERE id = 'eb'")).containsExactly("bob");
            assertThat(ids(store, "SELECT name FROM customers WHERE id IN ('woo', 'member') ORDER BY id"))
                    .containsExactly("Ann M", "Ann W");

            // the export by email finds the one guest row with all four orders (and Ann's other records)
            ObjectNode export = new PrivacyService(store, e -> { }).exportByEmail("ANN@EXAMPLE.COM");
            List<String> exported = new ArrayList<>();
            for (JsonNode c : export.get("customers")) {
                for (JsonNode o : c.get("orders")) {
                    exported.add(c.get("customer").get("id").asText() + "/" + o.get("id").asText());
                }
            }
            assertThat(exported).containsExactlyInAnyOrder("g1/o1", "g1/o2", "g1/o3", "g1/o4", "woo/ow", "member/om");
        }
    }

    private static void customer(Tx tx, String id, String platform, String externalId, String email, String name,
                                 String country, int createdMinute, int activeMinute, Long erasedMinute)
            throws SQLException {
        tx.update("INSERT INTO customers (id, platform, external_id, email, name, country, created_at, last_activity_at,"
                + " erased_at) VALUES (?,?,?,?,?,?,?,?,?)", id, platform, externalId, email, name, country,
                T0.plus(Duration.ofMinutes(createdMinute)), T0.plus(Duration.ofMinutes(activeMinute)),
                Optional.ofNullable(erasedMinute).map(m -> T0.plus(Duration.ofMinutes(m))));
    }

    private static void order(Tx tx, String id, String customerId) throws SQLException {
        tx.update("INSERT INTO orders (id, platform, external_id, customer_id, status, currency, subtotal, total,"
                + " total_refunded, created_at, ingested_at) VALUES (?, 'CSV', ?, ?, 'PAID', 'EUR', '5.00', '5.00',"
                + " '0', ?, ?)", id, "X-" + id, customerId, T0, T0);
    }

    private static void entitlement(Tx tx, String id, String orderId, String customerId) throws SQLException {
        tx.update("INSERT INTO entitlements (id, order_id, customer_id, sku, granted_at) VALUES (?,?,?,'TEE-01',?)",
                id, orderId, customerId, T0);
    }

    private static void notification(Tx tx, String key, String customerId) throws SQLException {
        tx.update("INSERT INTO notifications_sent (notification_key, customer_id, kind, state, created_at)"
                + " VALUES (?, ?, 'ACCESS', 'SENT', ?)", key, customerId, T0);
    }

    private static List<String> ids(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.query(sql, rs -> rs.getString(1)));
    }
}
