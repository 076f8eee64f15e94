package io.patternhub.accounting.internal;

import io.patternhub.core.ledger.Journal;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps the last loaded {@link LedgerMapping} so posting does not fetch the chart of accounts every
 * time; reloads once when a journal uses a code the cached copy lacks (the seller may just have
 * created the account). Thread-safe.
 */
public final class MappingCache {
    private final Supplier<LedgerMapping> loader;
    private final AtomicReference<LedgerMapping> cached = new AtomicReference<>();

    /**
     * @param loader fetches the chart of accounts and tax rates from the ledger
     */
    public MappingCache(Supplier<LedgerMapping> loader) {
        this.loader = loader;
    }

    /** Fetches afresh and remembers the result. */
    public LedgerMapping reload() {
        LedgerMapping fresh = loader.get();
        cached.set(fresh);
        return fresh;
    }

    /** Remembers a mapping loaded elsewhere. */
    public void remember(LedgerMapping mapping) {
        cached.set(mapping);
    }

    /**
     * The mapping, checked against {@code journals}.
     *
     * @param journals the journals about to be posted
     * @return a mapping that covers them
     * @throws io.patternhub.core.error.InvalidRequestException listing what is not mapped
     */
    public LedgerMapping requireMapped(Collection<Journal> journals) {
        LedgerMapping current = cached.get();
        if (current == null || !current.covers(journals)) {
            current = reload();
        }
        current.requireMapped(journals);
        return current;
    }
}
