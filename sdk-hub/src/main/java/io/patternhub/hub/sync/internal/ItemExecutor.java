package io.patternhub.hub.sync.internal;

import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Lease;
import io.patternhub.hub.store.LeaseQueue;
import io.patternhub.hub.store.StoreException;
import io.patternhub.hub.store.Tx;
import io.patternhub.hub.sync.ChangeKind;
import io.patternhub.hub.sync.PlannedChange;
import io.patternhub.hub.sync.SyncHook;
import io.patternhub.hub.sync.SyncStep;
import io.patternhub.hub.sync.SyncTarget;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Brings one pattern in line on one storefront, for one claimed outbox row. Each remote call is
 * preceded by a committed intent where its outcome matters (create, attach) and followed by a
 * committed outcome; an intent found at the start means an earlier worker died mid-call, and the
 * storefront is asked what actually happened before anything is redone.
 */
public final class ItemExecutor {
    private static final int MAX_ROUNDS = 200;

    private final HubStore store;
    private final SyncTarget target;
    private final CatalogRepository catalog;
    private final MappingStore mappings;
    private final LeaseQueue queue;
    private final SyncHook hook;
    private final Duration leaseFor;
    private final Consumer<PlannedChange> onStep;
    private final String sku;
    private Lease lease;

    public ItemExecutor(HubStore store, SyncTarget target, CatalogRepository catalog, MappingStore mappings,
            LeaseQueue queue, SyncHook hook, Duration leaseFor, Consumer<PlannedChange> onStep, String sku, Lease lease) {
        this.store = store;
        this.target = target;
        this.catalog = catalog;
        this.mappings = mappings;
        this.queue = queue;
        this.hook = hook;
        this.leaseFor = leaseFor;
        this.onStep = onStep;
        this.sku = sku;
        this.lease = lease;
    }

    /** What the diff needs, read in one transaction. */
    private record State(Pattern pattern, MappingStore.ListingRow listing, Map<String, MappingStore.FileRow> files,
            Differ.Result diff) {
    }

    /**
     * Runs the item to completion and marks the outbox row done.
     *
     * @return whether the row was completed (false: the pattern changed meanwhile and the row was requeued)
     */
    public boolean run() {
        hook.at(new SyncStep(target.id(), sku, null, SyncStep.Phase.CLAIMED));
        resolveUnknownOutcomes();
        for (int round = 0; ; round++) {
            if (round >= MAX_ROUNDS) {
                throw new StoreException("sync of " + sku + " to " + target.id() + " did not converge after "
                        + MAX_ROUNDS + " steps");
            }
            State s = store.inTransaction(this::state);
            if (s.diff().problem() != null) {
                throw new SyncProblem(s.diff().problem());
            }
            if (s.diff().changes().isEmpty()) {
                break;
            }
            execute(s, s.diff().changes().get(0));
        }
        return store.inTransaction(tx -> {
            if (!state(tx).diff().changes().isEmpty()) {
                queue.retryLater(tx, lease, tx.now(), "the pattern changed during sync; going again");
                return false;
            }
            queue.complete(tx, lease);
            return true;
        });
    }

    private State state(Tx tx) throws SQLException {
        Pattern p = catalog.activeContentHash(tx, sku).isPresent() ? catalog.find(tx, sku).orElse(null) : null;
        MappingStore.ListingRow listing = mappings.listing(tx, target.id(), sku).orElse(null);
        Map<String, MappingStore.FileRow> files = mappings.files(tx, target.id(), sku);
        boolean withFiles = target.storefront().capabilities().supports(Capability.DIGITAL_FILES);
        return new State(p, listing, files, Differ.diff(target.id(), target.currency(), withFiles, p, sku, listing, files));
    }

    // ---- resume: settle what an earlier worker left unknown

    private void resolveUnknownOutcomes() {
        MappingStore.ListingRow listing = store.inTransaction(tx -> mappings.listing(tx, target.id(), sku)).orElse(null);
        if (listing == null) {
            return;
        }
        if (MappingStore.CREATING.equals(listing.state()) && listing.pendingFields() != null) {
            // createListing is idempotent by SKU: sending the same draft again returns the listing if it was made
            create(listing.pendingFields(), false);
            listing = store.inTransaction(tx -> mappings.listing(tx, target.id(), sku)).orElseThrow();
        }
        if (listing.externalId() == null) {
            return;
        }
        String listingId = listing.externalId();
        Map<String, MappingStore.FileRow> files = store.inTransaction(tx -> mappings.files(tx, target.id(), sku));
        List<ListingFile> remote = null;
        for (MappingStore.FileRow row : files.values()) {
            if (row.pendingSha256() != null) {
                if (remote == null) {
                    remote = target.storefront().files(listingId);
                }
                Optional<ListingFile> made = remote.stream()
                        .filter(f -> f.name().equals(row.name()) || f.sha256().filter(row.pendingSha256()::equals).isPresent())
                        .filter(f -> !f.externalId().equals(row.externalFileId())
                                && !f.externalId().equals(row.staleExternalId()))
                        .findFirst();
                if (made.isPresent()) {
                    store.inTransaction(tx -> {
                        mappings.attached(tx, target.id(), sku, row, made.get().externalId());
                        return null;
                    });
                } else {
                    store.inTransaction(tx -> {
                        mappings.attachAbandoned(tx, target.id(), sku, row.name());
                        return null;
                    });
                }
            }
        }
        for (MappingStore.FileRow row : store.inTransaction(tx -> mappings.files(tx, target.id(), sku)).values()) {
            if (row.staleExternalId() != null) {
                removeStale(listingId, row.name(), row.staleExternalId(), ChangeKind.REPLACE_FILE);
            }
        }
    }

    // ---- steps

    private void execute(State s, PlannedChange change) {
        switch (change.kind()) {
            case CREATE_LISTING -> create(ListingFields.of(s.pattern(), price(s.pattern())), true);
            case UPDATE_LISTING -> update(s, change);
            case DEACTIVATE_LISTING -> setState(s, change, MappingStore.DEACTIVATED,
                    () -> target.storefront().deactivate(s.listing().externalId()));
            case REACTIVATE_LISTING -> setState(s, change, MappingStore.LISTED,
                    () -> target.storefront().activate(s.listing().externalId()));
            case ATTACH_FILE, REPLACE_FILE -> attach(s, change);
            case REMOVE_FILE -> remove(s, change);
            default -> throw new IllegalStateException("unknown change " + change.kind());
        }
    }

    private void create(ListingFields fields, boolean recordIntent) {
        PlannedChange change = new PlannedChange(target.id(), sku, ChangeKind.CREATE_LISTING, Optional.empty(),
                fields.changedFrom(null));
        if (recordIntent) {
            store.inTransaction(tx -> {
                mappings.intendCreate(tx, target.id(), sku, target.storefront().platform().name(), fields);
                return null;
            });
        }
        ListingDraft draft = ListingDraft.builder().sku(fields.sku()).title(fields.title())
                .description(fields.description()).addAllTags(fields.tags()).price(fields.money())
                .initialState(target.initialState()).contentHash(fields.hash())
                .putAllPlatformAttributes(target.platformAttributes()).build();
        Listing listing = remote(ChangeKind.CREATE_LISTING, () -> target.storefront().createListing(draft));
        commit(change, tx -> mappings.listed(tx, target.id(), sku, listing.externalId(), fields));
    }

    private void update(State s, PlannedChange change) {
        ListingFields desired = ListingFields.of(s.pattern(), price(s.pattern()));
        var u = ListingUpdate.builder().contentHash(desired.hash());
        for (String field : change.changedFields()) {
            switch (field) {
                case "title" -> u.title(desired.title());
                case "description" -> u.description(desired.description());
                case "tags" -> u.tags(desired.tags());
                case "price" -> u.price(desired.money());
                default -> throw new IllegalStateException("unknown field " + field);
            }
        }
        ListingUpdate update = u.build();
        remote(ChangeKind.UPDATE_LISTING, () -> target.storefront().updateListing(s.listing().externalId(), update));
        commit(change, tx -> mappings.updated(tx, target.id(), sku, desired));
    }

    private void setState(State s, PlannedChange change, String state, Supplier<Listing> call) {
        remote(change.kind(), call);
        commit(change, tx -> mappings.state(tx, target.id(), sku, state));
    }

    private void attach(State s, PlannedChange change) {
        String name = change.fileName().orElseThrow();
        PatternFile file = hosted(s.pattern().files().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow());
        String listingId = s.listing().externalId();
        store.inTransaction(tx -> {
            mappings.intendAttach(tx, target.id(), sku, name, file.sha256());
            return null;
        });
        MappingStore.FileRow before = s.files().getOrDefault(name, new MappingStore.FileRow(name, null, null, null, null));
        String oldId = before.externalFileId();
        if (oldId == null) {
            ListingFile made = remote(change.kind(), () -> target.storefront().attachFile(listingId, file));
            commit(change, tx -> mappings.attached(tx, target.id(), sku, before, made.externalId()));
            return;
        }
        // a new version: the storefront uploads the new file, then removes the old one
        ListingFile made = remote(change.kind(), () -> replace(listingId, oldId, file));
        commit(change, tx -> mappings.replaced(tx, target.id(), sku, name, made.externalId()));
    }

    /** For a storefront that links to files, points the file at the URL the hub serves this version from. */
    private PatternFile hosted(PatternFile file) {
        var caps = target.storefront().capabilities();
        if (caps.fileHosting() != FileHosting.LINKED_URL) {
            return file;
        }
        return PatternFile.builder().from(file).location(target.fileUrls().urlFor(sku, file)).build();
    }

    private ListingFile replace(String listingId, String oldId, PatternFile file) {
        try {
            return target.storefront().replaceFile(listingId, oldId, file);
        } catch (NotFoundException oldFileGone) {
            // removed on the storefront by hand: nothing to replace, so attach
            return target.storefront().attachFile(listingId, file);
        }
    }

    private void removeStale(String listingId, String name, String staleId, ChangeKind kind) {
        remote(kind, () -> removeIgnoringMissing(listingId, staleId));
        commit(new PlannedChange(target.id(), sku, kind, Optional.of(name), List.of()),
                tx -> mappings.staleRemoved(tx, target.id(), sku, name));
    }

    private void remove(State s, PlannedChange change) {
        String name = change.fileName().orElseThrow();
        MappingStore.FileRow row = s.files().get(name);
        remote(ChangeKind.REMOVE_FILE, () -> removeIgnoringMissing(s.listing().externalId(), row.externalFileId()));
        commit(change, tx -> mappings.fileRemoved(tx, target.id(), sku, name));
    }

    private Void removeIgnoringMissing(String listingId, String fileId) {
        try {
            target.storefront().removeFile(listingId, fileId);
        } catch (NotFoundException alreadyGone) {
            // an earlier worker removed it and died before recording that
        }
        return null;
    }

    // ---- plumbing

    private Money price(Pattern p) {
        return p.priceIn(target.currency()).orElseThrow(() -> new SyncProblem(p.sku() + " has no price in "
                + target.currency().getCurrencyCode()));
    }

    /** Renews the lease (which also proves it is still ours), then makes the remote call between hooks. */
    private <T> T remote(ChangeKind kind, Supplier<T> call) {
        lease = queue.renew(lease, leaseFor);
        hook.at(new SyncStep(target.id(), sku, kind, SyncStep.Phase.BEFORE_REMOTE));
        T result = call.get();
        hook.at(new SyncStep(target.id(), sku, kind, SyncStep.Phase.AFTER_REMOTE));
        return result;
    }

    @FunctionalInterface
    private interface TxStep {
        void run(Tx tx) throws SQLException;
    }

    private void commit(PlannedChange change, TxStep step) {
        store.inTransaction(tx -> {
            queue.requireHeld(tx, lease);
            step.run(tx);
            return null;
        });
        hook.at(new SyncStep(target.id(), sku, change.kind(), SyncStep.Phase.COMMITTED));
        onStep.accept(change);
    }
}
