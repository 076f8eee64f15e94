package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the sync worker at every step (after the outbox claim, before and after each remote call,
 * after each commit) of a first sync of a pattern with two files and of a follow-up with a new title
 * and a new version of both files,
 * then resumes with a new engine and a new storefront client (a restarted process): the sandbox ends
 * exactly like the catalog, with no duplicate listing or file.
 */
class SyncCrashResumeTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final AtomicInteger SHOPS = new AtomicInteger();

    @TempDir
    Path tmp;

    /** Stands for the process dying: an Error, so the engine does not treat it as an ordinary failure. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(SyncStep step) {
            super("crash at " + step);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void crashAtEveryStepThenResumeLeavesTheSandboxExact(Vendor vendor) throws Exception {
        // one sandbox and one hub database; a fresh shop and storefront id (so fresh mappings and
        // outbox lane) per crash point, the catalog re-imported at its first version each time
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        try (EtsyFixture etsy = new EtsyFixture(false); HubStore store = TestStores.fresh(vendor, clock)) {
            int steps = run(store, clock, etsy, Integer.MAX_VALUE, new ArrayList<>());
            // round 1: claim, create, 2 attaches; round 2: claim, update, 2 replacements (3 hook points per change)
            assertThat(steps).as("steps in a clean run").isEqualTo(20);
            for (int k = 1; k <= steps; k++) {
                List<SyncStep> crashedAt = new ArrayList<>();
                run(store, clock, etsy, k, crashedAt);
                assertThat(crashedAt).as("a crash was injected at step %d", k).hasSize(1);
            }
        }
    }

    /** Runs both sync rounds, crashing once at step {@code crashAt}; returns the steps seen by the first engine. */
    private int run(HubStore store, ManualClock clock, EtsyFixture etsy, int crashAt, List<SyncStep> crashedAt)
            throws Exception {
        Path root = CatalogFixtures.write(Files.createTempDirectory(tmp, "catalog"), 1);
        AtomicInteger seen = new AtomicInteger();
        SyncHook crashing = step -> {
            if (seen.incrementAndGet() == crashAt) {
                crashedAt.add(step);
                throw new SimulatedCrash(step);
            }
        };
        String target = "etsy-" + SHOPS.incrementAndGet();
        long shop = etsy.sandbox.addShop(target, "USD");
        {
            Catalog catalog = new Catalog(store);
            catalog.importFolder(root, true);
            CatalogSync[] engine = {engine(store, etsy, target, shop, crashing, "first")};

            syncOrResume(engine, store, etsy, target, shop, clock);
            SandboxAssertions.assertExactly(etsy.sandbox, shop, catalog.repository().activePatterns());

            // a new title and a new version of both files
            CatalogFixtures.writePattern(root, 1, "Pattern one, renamed", "2.0");
            catalog.importFolder(root, true);
            syncOrResume(engine, store, etsy, target, shop, clock);

            SandboxAssertions.assertExactly(etsy.sandbox, shop, catalog.repository().activePatterns());
            assertThat(engine[0].plan().isEmpty()).isTrue();
            assertThat(store.leaseQueue("outbox").pendingCount(target)).isZero();
            return seen.get();
        }
    }

    private static void syncOrResume(CatalogSync[] engine, HubStore store, EtsyFixture etsy, String target, long shop,
            ManualClock clock) {
        try {
            assertThat(engine[0].apply().isComplete()).isTrue();
        } catch (SimulatedCrash crash) {
            // the old process is gone with its lease; a new one starts once the lease has run out
            clock.advance(LEASE.plusSeconds(1));
            engine[0] = engine(store, etsy, target, shop, SyncHook.NONE, "restarted");
            SyncReport resumed = engine[0].drain();
            assertThat(resumed.isComplete()).isTrue();
            assertThat(engine[0].apply().isComplete()).isTrue();
        }
    }

    private static CatalogSync engine(HubStore store, EtsyFixture etsy, String target, long shop, SyncHook hook,
            String owner) {
        return CatalogSync.builder(store).target(etsy.target(target, shop)).hook(hook).owner(owner)
                .workersPerStorefront(1).leaseFor(LEASE).build();
    }
}
