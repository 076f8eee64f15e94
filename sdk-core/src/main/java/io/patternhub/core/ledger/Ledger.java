package io.patternhub.core.ledger;

import io.patternhub.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An accounting system (QuickBooks Online, Xero) that receives balanced journals.
 *
 * <p>Posting is idempotent by {@link Journal#reference()}: an implementation checks for (or lets the
 * ledger reject) an entry with the same reference, so a retry after an uncertain outcome never books
 * twice. Implementations are thread-safe.
 */
public interface Ledger {

    Platform platform();

    /** The accounts journals may refer to. */
    List<Account> chartOfAccounts();

    /** The tax rates journal lines may refer to. */
    List<TaxRate> taxRates();

    /**
     * Posts a journal once.
     *
     * @param journal a balanced journal
     * @return {@link PostResult.Outcome#CREATED}, or {@link PostResult.Outcome#ALREADY_EXISTED} with the
     *         earlier entry when the reference was posted before
     */
    PostResult post(Journal journal);

    /**
     * Posts journals in order, each idempotently. The default posts one by one; adapters may batch.
     *
     * @param journals balanced journals
     * @return one result per journal, in order
     */
    default List<PostResult> postAll(List<Journal> journals) {
        List<PostResult> results = new ArrayList<>(journals.size());
        for (Journal journal : journals) {
            results.add(post(journal));
        }
        return results;
    }

    /**
     * What was posted under a reference.
     *
     * @param reference a journal reference
     * @return the entry, or empty if nothing was posted under it
     */
    Optional<PostedEntry> findByReference(String reference);

    /** The posting modes this ledger adapter supports. */
    Set<PostingMode> supportedModes();
}
