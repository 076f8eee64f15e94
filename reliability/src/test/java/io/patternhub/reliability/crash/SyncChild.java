package io.patternhub.reliability.crash;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.SyncReport;
import io.patternhub.hub.sync.SyncTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The process {@link SigkillSyncTest} kills: opens the hub's SQLite file, imports the catalog folder
 * and syncs it to the Etsy sandbox, resuming whatever an earlier (killed) process left in the outbox.
 * Exits 0 when the sync is complete, 3 when it is not; a SIGKILL ends it with 137.
 *
 * <p>Each restart runs {@link #LEASE} plus a minute further ahead on the store's clock than the one
 * before it: that stands for waiting until a dead process's leases have run out, without waiting.
 */
public final class SyncChild {
    /** The lane (sync target id) the child syncs to. */
    static final String TARGET = "etsy";
    /** How long a claimed outbox row stays with a process. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** The line the child prints after the import, followed by the counts. */
    static final String IMPORTED = "IMPORTED";

    private SyncChild() {
    }

    /** What the child needs, passed on its command line. */
    record Args(Path database, Path catalog, String baseUrl, String apiKey, String accessToken, long shopId,
            int generation) {
        static Args parse(String[] a) {
            if (a.length != 7) {
                throw new IllegalArgumentException("usage: SyncChild <db> <catalog> <baseUrl> <apiKey> <token>"
                        + " <shopId> <generation>, got " + a.length + " arguments");
            }
            return new Args(Path.of(a[0]), Path.of(a[1]), a[2], a[3], a[4], Long.parseLong(a[5]),
                    Integer.parseInt(a[6]));
        }

        List<String> toList() {
            return new ArrayList<>(List.of(database.toString(), catalog.toString(), baseUrl, apiKey, accessToken,
                    Long.toString(shopId), Integer.toString(generation)));
        }
    }

    public static void main(String[] argv) {
        // the default logback configuration logs DEBUG to the console: too much for a process killed 20 times
        rootLogger().setLevel(Level.WARN);
        SyncReport report = run(Args.parse(argv));
        System.out.println("REPORT " + report);
        System.out.flush();
        System.exit(report.isComplete() ? 0 : 3);
    }

    /** Logback's root logger (the tests' logging backend). */
    static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * Imports and syncs once, as a fresh process would (one sync worker, so a kill point counted in
     * requests always hits the same request).
     *
     * @param args where and what
     * @return the report of the last sync pass
     */
    static SyncReport run(Args args) {
        try (HubStore store = HubStore.builder().sqliteFile(args.database()).clock(clockOf(args.generation()))
                .build()) {
            ImportReport imported = new Catalog(store).importFolder(args.catalog(), true);
            System.out.println(IMPORTED + " added=" + imported.added().size() + " changed=" + imported.changed().size()
                    + " removed=" + imported.removed().size());
            System.out.flush();
            CatalogSync sync = CatalogSync.builder(store).target(target(args)).owner("child-" + args.generation())
                    .leaseFor(LEASE).workersPerStorefront(1).build();
            // first what a killed predecessor left (its leases have run out), then whatever is still to do
            sync.drain();
            return sync.apply();
        }
    }

    /**
     * The store clock of the process started {@code generation} restarts after the first: each one a
     * lease and a minute later than the one before, so a killed predecessor's leases have run out.
     */
    static Clock clockOf(int generation) {
        return Clock.offset(Clock.systemUTC(), LEASE.plusMinutes(1).multipliedBy(generation));
    }

    /** The Etsy target of a child (a fresh storefront client, as a restarted process has). */
    static SyncTarget target(Args args) {
        EtsyStorefront etsy = EtsyStorefront.builder().shopId(args.shopId()).apiKey(args.apiKey())
                .accessToken(args.accessToken()).baseUrl(args.baseUrl()).taxonomyId(1L).shopCurrency("USD")
                .rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).writeAttempts(1).build();
        return SyncTarget.builder(TARGET, etsy).currency("USD").build();
    }
}
