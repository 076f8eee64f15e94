package io.patternhub.hub.sync;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.Capability;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.catalog.ContentHashes;
import io.patternhub.hub.catalog.ImportReport;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Lease;
import io.patternhub.hub.store.LeaseLostException;
import io.patternhub.hub.store.LeaseQueue;
import io.patternhub.hub.store.Tx;
import io.patternhub.hub.sync.internal.Differ;
import io.patternhub.hub.sync.internal.ItemExecutor;
import io.patternhub.hub.sync.internal.ListingFields;
import io.patternhub.hub.sync.internal.MappingStore;
import io.patternhub.hub.sync.internal.SyncProblem;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs the hub's catalog to every storefront: {@link #plan()} computes the minimal changes from
 * content hashes (a dry run), {@link #apply()} executes them through the durable outbox.
 *
 * <pre>{@code
 * CatalogSync sync = CatalogSync.builder(store)
 *         .target(SyncTarget.builder("etsy-main", etsy).currency("USD").build())
 *         .listener(p -> bars.update(p))
 *         .build();
 * SyncPlan plan = sync.plan();        // show it
 * SyncReport report = sync.apply();   // do it; run drain() later for what was left to retry
 * }</pre>
 *
 * <p>Storefronts are synced in parallel, each by its own workers (the storefront's transport keeps it
 * within its rate limit). A storefront that fails is paused for the run after a few consecutive
 * failures and its patterns are retried later with exponential backoff; the others carry on. The
 * outbox holds one row per (storefront, pattern); rows are claimed with leases, so several hub
 * instances on one PostgreSQL share the work and a dead instance's rows are taken over when its lease
 * runs out. Every remote call whose outcome matters is preceded by a committed intent and followed by
 * a committed outcome; a worker that finds an intent asks the storefront what happened, so a crash at
 * any point resumes without a duplicate listing or file and without skipping anything. A resync with
 * nothing changed makes no remote call at all. Thread-safe.
 */
public final class CatalogSync {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSync.class);
    static final String OUTBOX = "outbox";

    private final HubStore store;
    private final Map<String, SyncTarget> targets;
    private final String sourceOfTruth;
    private final SyncProgressListener listener;
    private final SyncHook hook;
    private final String owner;
    private final Duration leaseFor;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final int maxAttempts;
    private final int workersPerStorefront;
    private final int pauseAfterFailures;
    private final CatalogRepository catalog;
    private final MappingStore mappings = new MappingStore();
    private final LeaseQueue outbox;

    private CatalogSync(Builder b) {
        this.store = b.store;
        this.targets = Map.copyOf(b.targets);
        this.sourceOfTruth = b.sourceOfTruth;
        if (sourceOfTruth != null && !targets.containsKey(sourceOfTruth)) {
            throw new ConfigurationException("source of truth '" + sourceOfTruth + "' is not one of the targets "
                    + targets.keySet(), ErrorContext.empty());
        }
        this.listener = b.listener;
        this.hook = b.hook;
        this.owner = b.owner;
        this.leaseFor = b.leaseFor;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.maxAttempts = b.maxAttempts;
        this.workersPerStorefront = b.workersPerStorefront;
        this.pauseAfterFailures = b.pauseAfterFailures;
        this.catalog = new CatalogRepository(store);
        this.outbox = store.leaseQueue(OUTBOX);
    }

    /**
     * Starts a sync over a store.
     *
     * @param store the hub store
     * @return a builder
     */
    public static Builder builder(HubStore store) {
        return new Builder(store);
    }

    /** This instance's id in outbox leases. */
    public String owner() {
        return owner;
    }

    // ---- plan

    /**
     * The minimal changes for every storefront pushed to (all targets but the source of truth). When a
     * storefront is the source of truth its catalog is imported first ({@link #importFromSourceOfTruth()}).
     *
     * @return the plan; nothing is written to any storefront
     */
    public SyncPlan plan() {
        if (sourceOfTruth != null) {
            importFromSourceOfTruth();
        }
        Map<String, List<PlannedChange>> changes = new LinkedHashMap<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<Pattern> active = catalog.activePatterns();
        for (SyncTarget t : pushTargets()) {
            List<PlannedChange> out = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            store.inTransaction(tx -> {
                Map<String, MappingStore.ListingRow> listings = mappings.listings(tx, t.id());
                Map<String, Map<String, MappingStore.FileRow>> files = mappings.allFiles(tx, t.id());
                boolean withFiles = t.storefront().capabilities().supports(Capability.DIGITAL_FILES);
                Set<String> seen = new LinkedHashSet<>();
                for (Pattern p : active) {
                    seen.add(p.sku());
                    collect(Differ.diff(t.id(), t.currency(), withFiles, p, p.sku(), listings.get(p.sku()),
                            files.getOrDefault(p.sku(), Map.of())), out, bad);
                }
                for (MappingStore.ListingRow row : listings.values()) {
                    if (!seen.contains(row.sku())) {
                        collect(Differ.diff(t.id(), t.currency(), withFiles, null, row.sku(), row,
                                files.getOrDefault(row.sku(), Map.of())), out, bad);
                    }
                }
                return null;
            });
            changes.put(t.id(), out);
            problems.put(t.id(), bad);
        }
        return new SyncPlan(changes, problems);
    }

    private static void collect(Differ.Result r, List<PlannedChange> out, List<String> bad) {
        out.addAll(r.changes());
        if (r.problem() != null) {
            bad.add(r.problem());
        }
    }

    // ---- apply

    /**
     * Plans and applies: {@link #apply(SyncPlan)} of {@link #plan()}.
     *
     * @return what was done per storefront
     */
    public SyncReport apply() {
        return apply(plan());
    }

    /**
     * Puts the plan's patterns in the outbox (one row per storefront and pattern, never two pending)
     * and drains it. Each row is re-diffed when executed, so a plan that went stale is still right.
     *
     * @param plan a plan from {@link #plan()}
     * @return what was done per storefront
     */
    public SyncReport apply(SyncPlan plan) {
        for (SyncTarget t : pushTargets()) {
            Set<String> skus = plan.skus(t.id());
            if (!skus.isEmpty()) {
                store.inTransaction(tx -> {
                    for (String sku : skus) {
                        enqueue(tx, t.id(), sku);
                    }
                    return null;
                });
            }
        }
        return drain();
    }

    /**
     * Works off what the outbox holds now for every storefront (rows left by failures once their
     * backoff passed, rows of a dead instance once its lease ran out), then returns.
     *
     * @return what was done per storefront
     * @throws Error if a worker died with an {@link Error}, after the other storefronts finished
     */
    public SyncReport drain() {
        List<SyncTarget> lanes = pushTargets();
        if (lanes.isEmpty()) {
            return new SyncReport(Map.of());
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size() * workersPerStorefront, r -> {
            Thread th = new Thread(r, "hub-sync-" + threadNo.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        Map<String, LaneRun> runs = new LinkedHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (SyncTarget t : lanes) {
                LaneRun run = new LaneRun(t, (int) outbox.pendingCount(t.id()));
                runs.put(t.id(), run);
                listener.onProgress(run.progress(SyncProgress.Event.STARTED, null, null));
                for (int i = 0; i < workersPerStorefront; i++) {
                    futures.add(pool.submit(() -> work(run)));
                }
            }
            Throwable died = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    died = died == null ? e.getCause() : died;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PatternHubException("interrupted while syncing", e);
                }
            }
            if (died instanceof Error) {
                throw (Error) died;
            }
            if (died != null) {
                throw new PatternHubException("a sync worker failed: " + died.getMessage(), died);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, SyncReport.StorefrontResult> results = new HashMap<>();
        for (LaneRun run : runs.values()) {
            listener.onProgress(run.progress(SyncProgress.Event.FINISHED, null, null));
            results.put(run.target.id(), new SyncReport.StorefrontResult(run.target.id(), run.completed.get(),
                    run.failed.get(), outbox.pendingCount(run.target.id()), run.dead.get(),
                    Optional.ofNullable(outbox.nextAvailableAt(run.target.id())), Optional.ofNullable(run.lastError.get())));
        }
        return new SyncReport(results);
    }

    private void work(LaneRun run) {
        while (run.consecutiveFailures.get() < pauseAfterFailures) {
            List<Lease> leases = outbox.claim(run.target.id(), owner, 1, leaseFor);
            if (leases.isEmpty()) {
                return;
            }
            Lease lease = leases.get(0);
            String sku = store.inTransaction(tx -> tx.queryOne("SELECT sku FROM outbox WHERE id = ?",
                    rs -> rs.getString(1), lease.id())).orElseThrow();
            try {
                ItemExecutor item = new ItemExecutor(store, run.target, catalog, mappings, outbox, hook, leaseFor,
                        change -> listener.onProgress(run.progress(SyncProgress.Event.STEP_DONE, sku, null)), sku, lease);
                if (item.run()) {
                    run.completed.incrementAndGet();
                    run.consecutiveFailures.set(0);
                    listener.onProgress(run.progress(SyncProgress.Event.PATTERN_DONE, sku, null));
                }
            } catch (LeaseLostException lost) {
                LOG.warn("{}: lost the lease on {}; another instance owns it now", run.target.id(), sku);
            } catch (RuntimeException e) {
                failed(run, lease, sku, e);
            }
        }
    }

    private void failed(LaneRun run, Lease lease, String sku, RuntimeException e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        run.failed.incrementAndGet();
        run.lastError.set(message);
        boolean giveUp = e instanceof SyncProblem || lease.attempts() >= maxAttempts;
        if (!(e instanceof SyncProblem)) {
            run.consecutiveFailures.incrementAndGet();
        }
        try {
            store.inTransaction(tx -> {
                if (giveUp) {
                    outbox.giveUp(tx, lease, message);
                } else {
                    outbox.retryLater(tx, lease, tx.now().plus(backoff(lease.attempts())), message);
                }
                return null;
            });
            if (giveUp) {
                run.dead.incrementAndGet();
            }
        } catch (LeaseLostException lost) {
            LOG.warn("{}: lost the lease on {} while recording a failure", run.target.id(), sku);
        }
        if (run.consecutiveFailures.get() >= pauseAfterFailures && run.paused.compareAndSet(false, true)) {
            pauseLane(run);
        }
        LOG.warn("{}: syncing {} failed (attempt {}){}: {}", run.target.id(), sku, lease.attempts(),
                giveUp ? ", giving up" : ", will retry", message);
        listener.onProgress(run.progress(SyncProgress.Event.PATTERN_FAILED, sku, message));
    }

    /**
     * The storefront looks down: its patterns not yet tried wait the first backoff too, so the next
     * drain does not spend more calls on it before then (a circuit breaker). Leased rows are left alone.
     */
    private void pauseLane(LaneRun run) {
        int deferred = store.inTransaction(tx -> {
            Instant now = tx.now();
            Instant until = now.plus(backoff(1));
            return tx.update("UPDATE outbox SET available_at = ? WHERE lane = ? AND status = 'PENDING'"
                    + " AND available_at < ? AND (lease_until IS NULL OR lease_until <= ?)",
                    until, run.target.id(), until, now);
        });
        LOG.warn("{}: {} consecutive failures; pausing it, {} more patterns wait for the retry", run.target.id(),
                pauseAfterFailures, deferred);
    }

    /** Exponential backoff from the base, capped. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }

    private void enqueue(Tx tx, String lane, String sku) throws SQLException {
        String hash = catalog.activeContentHash(tx, sku).orElse("removed");
        Instant now = tx.now();
        tx.update("INSERT INTO outbox (lane, sku, target_hash, status, attempts, available_at, created_at)"
                + " VALUES (?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING", lane, sku, hash, now, now);
    }

    private List<SyncTarget> pushTargets() {
        return targets.values().stream().filter(t -> !t.id().equals(sourceOfTruth))
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    // ---- source of truth

    /**
     * Imports the source-of-truth storefront's listings into the hub catalog (listings without a SKU are
     * skipped): title, description, tags and its price; files whose SHA-256 the platform reports. The
     * imported listings are recorded as in line, so nothing is pushed back to that storefront. Hub
     * patterns from that source that are no longer listed there become inactive.
     *
     * @return what changed in the catalog
     * @throws ConfigurationException if no source of truth is configured
     */
    public ImportReport importFromSourceOfTruth() {
        if (sourceOfTruth == null) {
            throw new ConfigurationException("no storefront is configured as source of truth; the hub catalog is",
                    ErrorContext.empty());
        }
        SyncTarget source = targets.get(sourceOfTruth);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<io.patternhub.hub.catalog.FileVersion> versions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try (Stream<Listing> listings = source.storefront().listings()) {
            listings.filter(l -> l.sku().isPresent() && l.state() != ListingState.REMOVED).forEach(l -> {
                String sku = l.sku().get();
                seen.add(sku);
                store.inTransaction(tx -> {
                    Pattern existing = catalog.find(tx, sku).orElse(null);
                    Pattern p = fromListing(l, existing);
                    CatalogRepository.SaveResult r = catalog.save(tx, p, source.id());
                    switch (r.outcome()) {
                        case ADDED -> added.add(sku);
                        case CHANGED -> changed.add(sku);
                        default -> unchanged.add(sku);
                    }
                    versions.addAll(r.newFileVersions());
                    mappings.adopt(tx, source.id(), sku, source.storefront().platform().name(), l.externalId(),
                            ListingFields.of(p, l.price()), l.state() == ListingState.INACTIVE
                                    ? MappingStore.DEACTIVATED : MappingStore.LISTED);
                    for (ListingFile f : l.files()) {
                        if (f.sha256().isPresent()) {
                            mappings.adoptFile(tx, source.id(), sku, f.name(), f.externalId(), f.sha256().get());
                        }
                    }
                    return null;
                });
            });
        }
        List<String> removed = catalog.deactivateMissing(seen, source.id());
        return new ImportReport(added, changed, unchanged, removed, versions);
    }

    private static Pattern fromListing(Listing l, Pattern existing) {
        var b = Pattern.builder().sku(l.sku().orElseThrow()).title(l.title()).description(l.description())
                .addAllTags(l.tags());
        Map<String, Money> prices = new LinkedHashMap<>();
        if (existing != null) {
            existing.prices().forEach(m -> prices.put(m.currencyCode(), m));
            b.craft(existing.craft()).version(existing.version()).addAllImages(existing.images());
            existing.changeNotes().ifPresent(b::changeNotes);
        }
        prices.put(l.price().currencyCode(), l.price());
        b.addAllPrices(prices.values());
        List<PatternFile> files = new ArrayList<>();
        for (ListingFile f : l.files()) {
            if (f.sha256().isPresent()) {
                var fb = PatternFile.builder().name(f.name()).mediaType(PatternFile.guessMediaType(f.name()))
                        .sizeBytes(f.sizeBytes().orElse(0L)).sha256(f.sha256().get());
                f.url().ifPresent(fb::location);
                files.add(fb.build());
            }
        }
        b.addAllFiles(files.isEmpty() && existing != null ? existing.files() : files);
        return b.build();
    }

    // ---- inspection

    /**
     * How every pattern stands on one storefront.
     *
     * @param storefrontId a target
     * @return the mappings, by SKU
     */
    public List<ListingMapping> mappings(String storefrontId) {
        return store.inTransaction(tx -> mappings.listings(tx, storefrontId).values().stream()
                .map(r -> new ListingMapping(storefrontId, r.sku(), Optional.ofNullable(r.externalId()),
                        Optional.ofNullable(r.fieldsHash()), r.state())).toList());
    }

    /**
     * The hub's content hash of a pattern's listing fields on a storefront (for diagnostics).
     *
     * @param pattern the pattern
     * @param price   the storefront's price
     * @return the hash
     */
    public static String listingHash(Pattern pattern, Money price) {
        return ContentHashes.listingFields(pattern, price);
    }

    /** Per-storefront counters of one drain. */
    private static final class LaneRun {
        final SyncTarget target;
        final int total;
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger dead = new AtomicInteger();
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicReference<String> lastError = new AtomicReference<>();

        LaneRun(SyncTarget target, int total) {
            this.target = target;
            this.total = total;
        }

        SyncProgress progress(SyncProgress.Event event, String sku, String error) {
            return new SyncProgress(target.id(), event, Optional.ofNullable(sku), completed.get(), failed.get(), total,
                    Optional.ofNullable(error));
        }
    }

    /** Configures a {@link CatalogSync}. */
    public static final class Builder {
        private final HubStore store;
        private final Map<String, SyncTarget> targets = new LinkedHashMap<>();
        private String sourceOfTruth;
        private SyncProgressListener listener = SyncProgressListener.NONE;
        private SyncHook hook = SyncHook.NONE;
        private String owner = "hub-" + UUID.randomUUID();
        private Duration leaseFor = Duration.ofMinutes(5);
        private Duration backoffBase = Duration.ofSeconds(30);
        private Duration backoffMax = Duration.ofHours(1);
        private int maxAttempts = 10;
        private int workersPerStorefront = 2;
        private int pauseAfterFailures = 3;

        private Builder(HubStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Adds a storefront to sync to.
         *
         * @param target the target
         * @return this builder
         */
        public Builder target(SyncTarget target) {
            if (targets.putIfAbsent(target.id(), target) != null) {
                throw new ConfigurationException("two sync targets with id '" + target.id() + "'", ErrorContext.empty());
            }
            return this;
        }

        /**
         * Makes a storefront (an existing Shopify or WooCommerce catalog) the source of truth: its listings
         * are imported into the hub before each plan, and it is never pushed to. By default the hub's
         * own catalog is the source of truth.
         *
         * @param storefrontId the id of one of the targets
         * @return this builder
         */
        public Builder sourceOfTruth(String storefrontId) {
            this.sourceOfTruth = Objects.requireNonNull(storefrontId, "storefrontId");
            return this;
        }

        /**
         * @param listener receives progress
         * @return this builder
         */
        public Builder listener(SyncProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param hook called at every step (metrics, fault injection in tests)
         * @return this builder
         */
        public Builder hook(SyncHook hook) {
            this.hook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * @param owner this instance's id in leases (default: random)
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * @param leaseFor how long a claimed pattern stays with this instance without progress (default 5 min);
         *                 renewed before every remote call
         * @return this builder
         */
        public Builder leaseFor(Duration leaseFor) {
            this.leaseFor = positive(leaseFor, "leaseFor");
            return this;
        }

        /**
         * @param base first retry delay (default 30 s), doubled per attempt
         * @param max  longest retry delay (default 1 h)
         * @return this builder
         */
        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = positive(base, "backoff base");
            this.backoffMax = positive(max, "backoff max");
            return this;
        }

        /**
         * @param maxAttempts attempts before a pattern is given up on (kept as DEAD in the outbox); default 10
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
            return this;
        }

        /**
         * @param workers patterns worked on at once per storefront (default 2)
         * @return this builder
         */
        public Builder workersPerStorefront(int workers) {
            this.workersPerStorefront = atLeastOne(workers, "workersPerStorefront");
            return this;
        }

        /**
         * @param failures consecutive failures after which a storefront is left alone for the rest of the run (default 3)
         * @return this builder
         */
        public Builder pauseAfterFailures(int failures) {
            this.pauseAfterFailures = atLeastOne(failures, "pauseAfterFailures");
            return this;
        }

        public CatalogSync build() {
            if (targets.isEmpty()) {
                throw new ConfigurationException("add at least one sync target", ErrorContext.empty());
            }
            return new CatalogSync(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationException(what + " must be positive, was " + d, ErrorContext.empty());
            }
            return d;
        }

        private static int atLeastOne(int n, String what) {
            if (n < 1) {
                throw new ConfigurationException(what + " must be at least 1, was " + n, ErrorContext.empty());
            }
            return n;
        }
    }
}
