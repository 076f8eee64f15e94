package io.patternhub.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.CatalogFixtures;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.TestStores;
import io.patternhub.hub.store.Vendor;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hub instances on one PostgreSQL share the outbox through row leases. */
class TwoInstancesOnPostgresTest {
    @TempDir
    Path tmp;

    private static long creates(EtsyFixture etsy) {
        return etsy.sandbox.journal().count(e -> "POST".equals(e.method()) && e.path().endsWith("/listings"));
    }

    private static long uploads(EtsyFixture etsy) {
        return etsy.sandbox.journal().count(e -> "POST".equals(e.method()) && e.path().endsWith("/files"));
    }

    @Test
    void twoInstancesSyncingAtOnceNeverPushTwice() throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 40);
        try (HubStore a = TestStores.fresh(Vendor.POSTGRESQL, clock); HubStore b = TestStores.sameDatabase(a, clock);
                EtsyFixture etsy = new EtsyFixture(false)) {
            Catalog catalog = new Catalog(a);
            catalog.importFolder(root, true);
            CatalogSync syncA = CatalogSync.builder(a).target(etsy.target("etsy")).owner("A").workersPerStorefront(3).build();
            CatalogSync syncB = CatalogSync.builder(b).target(etsy.target("etsy")).owner("B").workersPerStorefront(3).build();
            AtomicInteger stepsA = new AtomicInteger();
            AtomicInteger stepsB = new AtomicInteger();
            CatalogSync countedA = CatalogSync.builder(a).target(etsy.target("etsy")).owner("A").workersPerStorefront(3)
                    .listener(p -> count(p, stepsA)).build();
            CatalogSync countedB = CatalogSync.builder(b).target(etsy.target("etsy")).owner("B").workersPerStorefront(3)
                    .listener(p -> count(p, stepsB)).build();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<SyncReport> ra = pool.submit(() -> {
                    go.await();
                    return countedA.apply();
                });
                Future<SyncReport> rb = pool.submit(() -> {
                    go.await();
                    return countedB.apply();
                });
                go.countDown();
                ra.get();
                rb.get();
            } finally {
                pool.shutdownNow();
            }
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());
            assertThat(creates(etsy)).isEqualTo(40);
            assertThat(uploads(etsy)).isEqualTo(80);
            // every step was made by exactly one of the two
            assertThat(stepsA.get() + stepsB.get()).isEqualTo(120);
            assertThat(syncA.plan().isEmpty()).isTrue();
            assertThat(syncB.plan().isEmpty()).isTrue();
        }
    }

    private static void count(SyncProgress p, AtomicInteger steps) {
        if (p.event() == SyncProgress.Event.STEP_DONE) {
            steps.incrementAndGet();
        }
    }

    @Test
    void workOfAnInstanceThatDiesIsTakenOverAfterItsLease() throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T10:00:00Z"));
        Path root = CatalogFixtures.write(tmp.resolve("catalog"), 10);
        try (HubStore a = TestStores.fresh(Vendor.POSTGRESQL, clock); HubStore b = TestStores.sameDatabase(a, clock);
                EtsyFixture etsy = new EtsyFixture(false)) {
            Catalog catalog = new Catalog(a);
            catalog.importFolder(root, true);
            AtomicInteger remoteCalls = new AtomicInteger();
            CatalogSync dying = CatalogSync.builder(a).target(etsy.target("etsy")).owner("A").workersPerStorefront(1)
                    .hook(step -> {
                        if (step.phase() == SyncStep.Phase.AFTER_REMOTE && remoteCalls.incrementAndGet() == 7) {
                            throw new SyncCrashResumeTest.SimulatedCrash(step);
                        }
                    }).build();
            try {
                dying.apply();
            } catch (SyncCrashResumeTest.SimulatedCrash expected) {
                // instance A is gone, holding a lease
            }
            CatalogSync survivor = CatalogSync.builder(b).target(etsy.target("etsy")).owner("B").build();
            // before the lease runs out, B leaves A's pattern alone but does the rest
            SyncReport early = survivor.drain();
            assertThat(early.result("etsy").pending()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(6));
            SyncReport late = survivor.drain();
            assertThat(late.result("etsy").pending()).isZero();
            SandboxAssertions.assertExactly(etsy.sandbox, catalog.repository().activePatterns());
            assertThat(creates(etsy)).isEqualTo(10);
            assertThat(etsy.sandbox.journal().count(JournalEntry::isWrite)).isGreaterThanOrEqualTo(30);
        }
    }
}
