package io.patternhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.ChangeKind;
import io.patternhub.hub.sync.SyncPlan;
import io.patternhub.hub.sync.SyncTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternHubTest {
    @TempDir
    Path tmp;

    private static SyncTarget etsy() {
        // planning is local: the storefront is never called, so it may point nowhere
        EtsyStorefront sf = EtsyStorefront.builder().shopId(1).apiKey("k:s").accessToken("1.t")
                .baseUrl("http://127.0.0.1:9").taxonomyId(1L).build();
        return SyncTarget.builder("etsy", sf).currency("USD").build();
    }

    @Test
    void opensItsSqliteStoreImportsAndPlans() {
        Path db = tmp.resolve("data/hub.db");
        try (PatternHub hub = PatternHub.builder().sqliteFile(db).target(etsy()).build()) {
            assertThat(hub.store().vendor()).isEqualTo(Vendor.SQLITE);
            assertThat(hub.catalog().importFolder(CatalogFixtures.SAMPLE, true).added()).hasSize(12);
            SyncPlan plan = hub.sync().plan();
            assertThat(plan.changes("etsy")).filteredOn(c -> c.kind() == ChangeKind.CREATE_LISTING).hasSize(12);
            assertThat(plan.problems().get("etsy")).isEmpty();
        }
        assertThat(Files.exists(db)).isTrue();
    }

    @Test
    void refusesIncompleteConfiguration() {
        assertThatThrownBy(() -> PatternHub.builder().target(etsy()).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PatternHub.builder().sqliteFile(tmp.resolve("x.db")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("target");
    }
}
