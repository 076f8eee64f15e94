package io.patternhub.accounting.reconcile;

import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.ledger.TaxRate;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A ledger kept in memory that refuses a second entry under one reference, as the real adapters do. */
final class InMemoryLedger implements Ledger {
    private final List<Account> accounts;
    private final List<TaxRate> taxRates;
    private final Set<PostingMode> modes;
    final Map<String, Journal> entries = new LinkedHashMap<>();
    int postCalls;

    InMemoryLedger(List<String> accountCodes, List<String> taxCodes, Set<PostingMode> modes) {
        this.accounts = accountCodes.stream().map(c -> (Account) Account.builder().code(c).name("Account " + c)
                .type(AccountType.OTHER).build()).toList();
        this.taxRates = taxCodes.stream().map(c -> (TaxRate) TaxRate.builder().code(c).name(c).rate(BigDecimal.ZERO)
                .build()).toList();
        this.modes = modes;
    }

    @Override
    public Platform platform() {
        return Platform.XERO;
    }

    @Override
    public List<Account> chartOfAccounts() {
        return accounts;
    }

    @Override
    public List<TaxRate> taxRates() {
        return taxRates;
    }

    @Override
    public synchronized PostResult post(Journal journal) {
        postCalls++;
        Optional<PostedEntry> existing = findByReference(journal.reference());
        if (existing.isPresent()) {
            return PostResult.alreadyExisted(existing.get());
        }
        entries.put(journal.reference(), journal);
        return PostResult.created(entry(journal));
    }

    @Override
    public synchronized Optional<PostedEntry> findByReference(String reference) {
        return Optional.ofNullable(entries.get(reference)).map(InMemoryLedger::entry);
    }

    @Override
    public Set<PostingMode> supportedModes() {
        return modes;
    }

    private static PostedEntry entry(Journal j) {
        return PostedEntry.builder().platform(Platform.XERO).reference(j.reference()).externalId("id-" + j.reference())
                .date(j.date()).total(j.totalDebits()).build();
    }
}
