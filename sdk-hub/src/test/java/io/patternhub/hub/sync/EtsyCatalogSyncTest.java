package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Pattern;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EtsyCatalogSyncTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void syncs200PatternsThenOnlyTheChangedOnesThenNothing(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 200);
        try (HubStore store = TestStores.fresh(vendor, clock); EtsyFixture etsy = new EtsyFixture(false)) {
            Catalog catalog = new Catalog(store);
            assertThat(catalog.importFolder(root, true).added()).hasSize(200);
            Map<SyncProgress.Event, AtomicInteger> events = new ConcurrentHashMap<>();
            CatalogSync sync = CatalogSync.builder(store).target(etsy.target("etsy")).workersPerStorefront(4)
                    .listener(p -> events.computeIfAbsent(p.event(), e -> new AtomicInteger()).incrementAndGet())
                    .build();

            SyncPlan first = sync.plan();
            assertThat(first.changes("etsy")).filteredOn(c -> c.kind() == ChangeKind.CREATE_LISTING).hasSize(200);
            assertThat(first.changes("etsy")).filteredOn(c -> c.kind() == ChangeKind.ATTACH_FILE).hasSize(400);
            SyncReport report = sync.apply(first);
            assertThat(report.result("etsy").completed()).isEqualTo(200);
            assertThat(report.isComplete()).isTrue();
            assertThat(events.get(SyncProgress.Event.PATTERN_DONE)).hasValue(200);
            assertThat(events.get(SyncProgress.Event.STEP_DONE)).hasValue(600);
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());
            assertThat(etsy.sandbox.rejectedRequests()).isEmpty();

            // change three patterns' titles: exactly three listing updates, nothing else written
            for (int i : new int[] {7, 70, 170}) {
                CatalogFixtures.writePattern(root, i, "Renamed " + i, "1.0");
            }
            ImportReport changed = catalog.importFolder(root, true);
            assertThat(changed.changed()).containsExactlyInAnyOrder(CatalogFixtures.sku(7), CatalogFixtures.sku(70),
                    CatalogFixtures.sku(170));
            SyncPlan second = sync.plan();
            assertThat(second.changes("etsy")).hasSize(3)
                    .allSatisfy(c -> {
                        assertThat(c.kind()).isEqualTo(ChangeKind.UPDATE_LISTING);
                        assertThat(c.changedFields()).containsExactly("title");
                    });
            long before = etsy.lastSequence();
            sync.apply(second);
            List<JournalEntry> writes = etsy.writesSince(before);
            assertThat(writes).hasSize(3);
            assertThat(writes.stream().map(JournalEntry::method).collect(Collectors.toSet())).containsExactly("PATCH");
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());

            // a no-op resync plans nothing and makes no call at all
            assertThat(catalog.importFolder(root, true).isNoop()).isTrue();
            long calls = etsy.sandbox.journal().size();
            assertThat(sync.plan().isEmpty()).isTrue();
            SyncReport noop = sync.apply();
            assertThat(noop.result("etsy").completed()).isZero();
            assertThat(etsy.sandbox.journal().size()).isEqualTo(calls);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void newFileVersionReplacesFilesAndRemovedPatternIsDeactivated(Vendor vendor) {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 3);
        try (HubStore store = TestStores.fresh(vendor, clock); EtsyFixture etsy = new EtsyFixture()) {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync sync = CatalogSync.builder(store).target(etsy.target("etsy")).build();
            sync.apply();

            CatalogFixtures.writePattern(root, 2, "Pattern 2", "1.1");
            ImportReport report = catalog.importFolder(root, true);
            assertThat(report.newFileVersions()).extracting(v -> v.sku() + "/" + v.version())
                    .containsExactlyInAnyOrder(CatalogFixtures.sku(2) + "/1.1", CatalogFixtures.sku(2) + "/1.1");
            SyncPlan plan = sync.plan();
            assertThat(plan.changes("etsy")).extracting(PlannedChange::kind)
                    .containsExactly(ChangeKind.REPLACE_FILE, ChangeKind.REPLACE_FILE);
            long before = etsy.lastSequence();
            sync.apply(plan);
            // each replaced file: one upload and one delete of the old file
            assertThat(etsy.writesSince(before)).extracting(JournalEntry::method)
                    .containsExactlyInAnyOrder("POST", "DELETE", "POST", "DELETE");
            List<Pattern> active = catalog.repository().activePatterns();
            SandboxAssertions.assertExactly(etsy.sandbox, active);

            // pattern 3 leaves the catalog: its listing is taken off sale, not deleted
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> deleteTree(root.resolve("gen-0003")));
            assertThat(catalog.importFolder(root, true).removed()).containsExactly(CatalogFixtures.sku(3));
            assertThat(sync.plan().changes("etsy")).extracting(PlannedChange::kind)
                    .containsExactly(ChangeKind.DEACTIVATE_LISTING);
            sync.apply();
            assertThat(etsy.sandbox.listingsWithSku(CatalogFixtures.sku(3)).get(0).state().name())
                    .isEqualToIgnoringCase("INACTIVE");
            assertThat(sync.plan().isEmpty()).isTrue();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
