package io.patternhub.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.reliability.crash.CrashCatalog.Expected;
import io.patternhub.reliability.crash.KillSwitch.Kill;
import io.patternhub.testkit.etsy.EtsyListingFileView;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.journal.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog sync in a separate JVM ({@link SyncChild}) against the Etsy sandbox, killed with SIGKILL
 * at 20 random points and restarted each time on the same SQLite file, then run to completion: the
 * sandbox holds exactly the catalog (one listing per SKU with its title and price, exactly its one
 * file with the right name and bytes), the outbox is done, and a resync makes no write call.
 *
 * <p>Kill points are counted in write requests the sandbox receives (a clean run in this JVM first
 * tells how many a sync takes), so a seed names the same points again: the seed is printed; rerun with
 * {@code -Dreliability.crash.seed=N}. The sandbox kills the child synchronously when the chosen write
 * arrives, then either lets that write land (the handler runs: the change happened and the dead
 * process never saw the answer) or drops it (as if the process died while sending it). The children
 * run one sync worker, so the same seed also hits the same requests.
 */
class SigkillSyncTest {
    private static final int PATTERNS = 40;
    private static final int KILLS = 20;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path tmp;

    @Test
    void aSyncKilledTwentyTimesEndsWithExactlyTheCatalog() throws Exception {
        long seed = Long.getLong("reliability.crash.seed", new SecureRandom().nextLong());
        System.out.println("SigkillSyncTest seed " + seed + " (rerun with -Dreliability.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path catalogDir = tmp.resolve("catalog");
        List<Expected> catalog = CrashCatalog.write(catalogDir, PATTERNS, seed);

        long cleanWrites = cleanRunWrites(catalogDir, catalog);
        List<Long> gaps = killGaps(random, cleanWrites);

        Path db = tmp.resolve("hub/hub.db");
        Files.createDirectories(db.getParent());
        try (EtsySandbox etsy = sandbox()) {
            KillSwitch killSwitch = new KillSwitch();
            etsy.addValidator(killSwitch);
            String token = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
            List<Kill> kills = new ArrayList<>();
            for (int generation = 0; generation < KILLS; generation++) {
                SyncChild.Args args = args(etsy, db, catalogDir, token, generation);
                // The first two kills are one of each kind, so "both kinds happened" holds for every seed (twenty
                // coin flips all alike failed one run in half a million); the rest are random.
                KillSwitch.Mode mode = generation == 0 ? KillSwitch.Mode.LANDS : generation == 1 ? KillSwitch.Mode.LOST
                        : random.nextBoolean() ? KillSwitch.Mode.LANDS : KillSwitch.Mode.LOST;
                long started = System.nanoTime();
                ChildRun run = ChildRun.start(args, tmp.resolve("child-" + generation + ".log"));
                killSwitch.arm(run.process(), gaps.get(generation), mode);
                int exit = run.await();
                Kill kill = killSwitch.fired().orElseGet(() -> fail("child %d exited with %d before its write %d;"
                        + " its output:%n%s", args.generation(), exit, gaps.get(args.generation()), run.output()));
                System.out.printf("kill %d after %d ms: %s%n", generation + 1,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), kill);
                assertThat(exit).as("exit code of a SIGKILLed process").isEqualTo(SIGKILL_EXIT);
                assertThat(kill.exitCode()).isEqualTo(SIGKILL_EXIT);
                assertImportedOnce(run, generation);
                assertNoDuplicates(etsy);
                kills.add(kill);
            }
            assertThat(kills).hasSize(KILLS);
            assertThat(kills).extracting(Kill::mode).as("both kinds of kill happened").contains(
                    KillSwitch.Mode.LANDS, KillSwitch.Mode.LOST);

            ChildRun last = ChildRun.start(args(etsy, db, catalogDir, token, KILLS), tmp.resolve("child-last.log"));
            assertThat(last.await()).as("the last run completes; its output:%n%s", last.output()).isZero();
            assertImportedOnce(last, KILLS);
            assertExactly(etsy, catalog);

            long mark = etsy.journal().size();
            try (HubStore store = HubStore.builder().sqliteFile(db).clock(SyncChild.clockOf(KILLS + 1)).build()) {
                List<String> notDone = store.inTransaction(tx -> tx.query(
                        "SELECT sku || ' ' || status FROM outbox WHERE status <> 'DONE'", rs -> rs.getString(1)));
                assertThat(notDone).as("outbox rows not done").isEmpty();
                CatalogSync resync = CatalogSync.builder(store)
                        .target(SyncChild.target(args(etsy, db, catalogDir, token, KILLS + 1))).build();
                assertThat(resync.plan().isEmpty()).as("nothing left to plan").isTrue();
                assertThat(resync.apply().isComplete()).isTrue();
            }
            List<JournalEntry> since = etsy.journal().entries().subList((int) mark, (int) etsy.journal().size());
            assertThat(since).as("requests of the resync").noneMatch(JournalEntry::isWrite);
            assertExactly(etsy, catalog);
        }
    }

    /** A sync of the catalog without kills, in this JVM on its own sandbox: how many writes it takes. */
    private long cleanRunWrites(Path catalogDir, List<Expected> catalog) throws IOException {
        try (EtsySandbox clean = sandbox()) {
            Path db = Files.createDirectories(tmp.resolve("clean")).resolve("hub.db");
            String token = clean.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken();
            Level level = SyncChild.rootLogger().getLevel();
            SyncChild.rootLogger().setLevel(Level.WARN);
            try {
                assertThat(SyncChild.run(args(clean, db, catalogDir, token, 0)).isComplete()).isTrue();
            } finally {
                SyncChild.rootLogger().setLevel(level);
            }
            assertExactly(clean, catalog);
            return clean.journal().writeCount();
        }
    }

    /**
     * {@value #KILLS} distinct write numbers in [1, clean run's writes], as the gaps between them: each
     * restarted child is killed that many writes after the previous kill.
     */
    private static List<Long> killGaps(Random random, long cleanWrites) {
        assertThat(cleanWrites).as("writes of a clean sync").isGreaterThanOrEqualTo(PATTERNS * 3L);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < KILLS) {
            points.add(1 + (long) (random.nextDouble() * cleanWrites));
        }
        List<Long> gaps = new ArrayList<>();
        long previous = 0;
        for (long p : points) {
            gaps.add(p - previous);
            previous = p;
        }
        System.out.println("clean sync: " + cleanWrites + " writes; kills at writes " + points);
        return gaps;
    }

    private static EtsySandbox sandbox() {
        // the sandbox's own rate limits are lifted, like the children's client-side limiter
        return EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000).storeFileContent(true)
                .validateRequests(false).validateResponses(false).build().start();
    }

    private static SyncChild.Args args(EtsySandbox etsy, Path db, Path catalogDir, String token, int generation) {
        return new SyncChild.Args(db, catalogDir, etsy.baseUrl(), etsy.apiKey(), token, etsy.defaultShopId(),
                generation);
    }

    /** The catalog is imported by the first child; every restart finds nothing new. */
    private static void assertImportedOnce(ChildRun run, int generation) throws IOException {
        String expected = generation == 0 ? "added=" + PATTERNS + " changed=0 removed=0" : "added=0 changed=0 removed=0";
        assertThat(run.output()).as("output of child %d", generation).contains(SyncChild.IMPORTED + " " + expected);
    }

    /** What must hold after any kill: no SKU on two listings, no file name twice on a listing. */
    private static void assertNoDuplicates(EtsySandbox etsy) {
        Map<String, Long> bySku = etsy.listings(etsy.defaultShopId()).stream().filter(l -> l.sku().isPresent())
                .collect(Collectors.groupingBy(l -> l.sku().get(), Collectors.counting()));
        assertThat(bySku).as("listings per SKU").allSatisfy((sku, n) -> assertThat(n).as(sku).isEqualTo(1L));
        for (EtsyListingView l : etsy.listings(etsy.defaultShopId())) {
            assertThat(l.files()).extracting(EtsyListingFileView::name).as("files of listing %d", l.listingId())
                    .doesNotHaveDuplicates();
        }
    }

    /** The sandbox holds exactly the catalog: nothing more, nothing less, nothing twice. */
    private static void assertExactly(EtsySandbox etsy, List<Expected> catalog) {
        List<EtsyListingView> listings = etsy.listings(etsy.defaultShopId());
        assertThat(listings).extracting(l -> l.sku().orElse("(no SKU, listing " + l.listingId() + ")"))
                .as("one listing per SKU, and no other listing")
                .containsExactlyInAnyOrderElementsOf(catalog.stream().map(Expected::sku).toList());
        Map<String, EtsyListingView> bySku = listings.stream()
                .collect(Collectors.toMap(l -> l.sku().orElseThrow(), Function.identity()));
        for (Expected p : catalog) {
            EtsyListingView l = bySku.get(p.sku());
            assertThat(l.title()).as("title of %s", p.sku()).isEqualTo(p.title());
            assertThat(l.price().amount()).as("price of %s", p.sku()).isEqualByComparingTo(p.priceUsd());
            assertThat(l.files()).as("files of %s", p.sku()).hasSize(1);
            EtsyListingFileView f = l.files().get(0);
            assertThat(f.name()).as("file name of %s", p.sku()).isEqualTo(p.fileName());
            assertThat(etsy.fileContent(f.listingFileId())).as("file bytes of %s", p.sku()).hasValue(p.content());
        }
    }

    /** A started child JVM with its output in a file. */
    private record ChildRun(Process process, Path log) {
        static ChildRun start(SyncChild.Args args, Path log) throws IOException {
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SyncChild.class.getName()));
            command.addAll(args.toList());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildRun(p, log);
        }

        int await() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("child did not finish within 2 minutes; output:%n%s", output());
            }
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
