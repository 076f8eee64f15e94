package io.patternhub.hub.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.event.PrivacyEvent;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.hub.access.AccessFixture;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Vendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErasureTest {
    private static final String EMAIL = "ann.weaver@example.com";
    private static final String NAME = "Ann Weaver";

    /** Every (table.column) of the hub's database whose value contains {@code needle}, read from the schema catalog. */
    static List<String> traces(HubStore store, String needle) {
        List<String> hits = new ArrayList<>();
        String lower = needle.toLowerCase(Locale.ROOT);
        try (Connection c = store.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            String schema = store.vendor() == Vendor.POSTGRESQL ? "public" : null;
            try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("customers", "orders", "webhook_inbox", "notifications_sent", "tokens", "outbox");
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] raw = rs.getBytes(i);
                            String value = raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                            Object obj = rs.getObject(i);
                            String text = obj == null ? null : obj.toString();
                            if ((value != null && value.toLowerCase(Locale.ROOT).contains(lower))
                                    || (text != null && text.toLowerCase(Locale.ROOT).contains(lower))) {
                                hits.add(table + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eraseLeavesNoTraceOfEmailOrNameAnywhereButKeepsOrders(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("E-1", "paid", "2025-03-01T10:05:00Z",
                    EMAIL, NAME, "TEE-01")));
            hub.inbox.receive("site", hub.delivery("m2", AccessFixture.orderJson("E-2", "paid", "2025-03-01T10:06:00Z",
                    EMAIL, NAME, "SOCK-02")));
            hub.inbox.processAll();
            hub.links.verify(hub.links.sign(hub.strings("SELECT id FROM entitlements").get(0), "tee-a4.pdf", "1.0").token());
            // one more delivery still waiting in the inbox when the erasure comes
            hub.inbox.receive("site", hub.delivery("m3", AccessFixture.orderJson("E-3", "pending", "2025-03-01T10:07:00Z",
                    EMAIL, NAME, "TEE-01")));
            // and another buyer who must be untouched
            hub.inbox.receive("site", hub.delivery("m4", AccessFixture.orderJson("X-1", "paid", "2025-03-01T10:08:00Z",
                    "bo@example.com", "Bo Other", "TEE-01")));
            assertThat(traces(hub.store, EMAIL)).isNotEmpty();

            PrivacyService privacy = new PrivacyService(hub.store, e -> { });
            ObjectNode export = privacy.exportByEmail(EMAIL);
            assertThat(export.at("/customers/0/customer/email").asText()).isEqualTo(EMAIL);
            assertThat(export.at("/customers/0/customer/name").asText()).isEqualTo(NAME);
            assertThat(export.at("/customers/0/orders")).hasSize(2);
            assertThat(export.at("/customers/0/entitlements")).hasSize(2);
            assertThat(export.at("/customers/0/download_links").size()).isGreaterThanOrEqualTo(3);
            assertThat(export.at("/customers/0/notifications")).hasSize(2);

            ErasureReport report = privacy.eraseByEmail(EMAIL);
            assertThat(report.customerIds()).hasSize(1);
            assertThat(report.ordersKept()).isEqualTo(2);
            assertThat(report.inboxRowsScrubbed()).isEqualTo(1);

            assertThat(traces(hub.store, EMAIL)).isEmpty();
            assertThat(traces(hub.store, NAME)).isEmpty();
            assertThat(traces(hub.store, "Weaver")).isEmpty();
            assertThat(hub.count("SELECT COUNT(*) FROM orders WHERE external_id IN ('E-1','E-2')")).isEqualTo(2);
            assertThat(hub.strings("SELECT total FROM orders WHERE external_id = 'E-1'")).containsExactly("6.00");
            // processing what is left does not bring the erased data back, and the other buyer is intact
            hub.inbox.processAll();
            assertThat(traces(hub.store, EMAIL)).isEmpty();
            assertThat(traces(hub.store, "bo@example.com")).contains("customers.email");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void shopifyPrivacyEventsMapOntoExportAndErase(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("S-1", "paid", "2025-03-01T10:05:00Z",
                    EMAIL, NAME, "TEE-01")));
            hub.inbox.receive("site", hub.delivery("m2", AccessFixture.orderJson("S-2", "paid", "2025-03-01T10:05:00Z",
                    "bo@example.com", "Bo Other", "TEE-01")));
            hub.inbox.processAll();
            List<ObjectNode> sink = new ArrayList<>();
            PrivacyService privacy = new PrivacyService(hub.store, sink::add);
            CustomerRef ann = CustomerRef.builder().platform(Platform.CSV).email(EMAIL).build();

            PrivacyOutcome request = privacy.handle(PrivacyEvent.builder().eventId("dr1").platform(Platform.CSV)
                    .occurredAt(Instant.now()).kind(PrivacyEvent.Kind.DATA_REQUEST).shop("s").addCustomers(ann).build());
            assertThat(request.exports()).hasSize(1);
            assertThat(sink).hasSize(1);
            assertThat(sink.get(0).at("/customer/email").asText()).isEqualTo(EMAIL);

            privacy.handle(PrivacyEvent.builder().eventId("cr1").platform(Platform.CSV).occurredAt(Instant.now())
                    .kind(PrivacyEvent.Kind.CUSTOMER_REDACT).shop("s").addCustomers(ann).build());
            assertThat(traces(hub.store, EMAIL)).isEmpty();
            assertThat(traces(hub.store, "bo@example.com")).isNotEmpty();

            PrivacyOutcome shop = privacy.handle(PrivacyEvent.builder().eventId("sr1").platform(Platform.CSV)
                    .occurredAt(Instant.now()).kind(PrivacyEvent.Kind.SHOP_REDACT).shop("s").build());
            assertThat(shop.erasure().customerIds()).hasSize(2);
            assertThat(traces(hub.store, "bo@example.com")).isEmpty();
            assertThat(traces(hub.store, "Bo Other")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void retentionErasesInactiveCustomersAndDropsOldRows(Vendor vendor) {
        try (AccessFixture hub = new AccessFixture(vendor, n -> { }, Provisioner.NONE, HubEventPublisher.NONE)) {
            hub.inbox.receive("site", hub.delivery("m1", AccessFixture.orderJson("R-1", "paid", "2025-03-01T10:05:00Z",
                    EMAIL, NAME, "TEE-01")));
            hub.inbox.processAll();
            hub.clock.advance(Duration.ofDays(400));
            hub.inbox.receive("site", hub.delivery("m2", AccessFixture.orderJson("R-2", "paid", "2026-04-01T10:05:00Z",
                    "bo@example.com", "Bo Other", "TEE-01")));
            hub.inbox.processAll();

            PrivacyService privacy = new PrivacyService(hub.store, e -> { });
            RetentionReport report = privacy.applyRetention(RetentionPolicy.keepEverything()
                    .withInactiveCustomersErasedAfter(Duration.ofDays(365))
                    .withProcessedInboxDeletedAfter(Duration.ofDays(30))
                    .withExpiredLinksDeletedAfter(Duration.ofDays(30)));
            assertThat(report.customersErased()).isEqualTo(1);
            assertThat(report.inboxRowsDeleted()).isEqualTo(1);
            assertThat(report.linksDeleted()).isEqualTo(2);
            assertThat(traces(hub.store, EMAIL)).isEmpty();
            assertThat(traces(hub.store, "bo@example.com")).isNotEmpty();
            assertThat(hub.count("SELECT COUNT(*) FROM orders")).isEqualTo(2);
        }
    }
}
