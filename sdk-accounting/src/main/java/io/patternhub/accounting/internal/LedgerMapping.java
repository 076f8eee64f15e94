package io.patternhub.accounting.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.TaxRate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A ledger's chart of accounts and tax rates, as loaded, with the check that every account and tax
 * code a journal uses exists and is active. Immutable.
 *
 * @param platform the ledger
 * @param accounts the chart of accounts
 * @param taxRates the tax rates
 */
public record LedgerMapping(Platform platform, List<Account> accounts, List<TaxRate> taxRates) {

    public LedgerMapping {
        accounts = List.copyOf(accounts);
        taxRates = List.copyOf(taxRates);
    }

    /** The account with this code, active or not. */
    public Optional<Account> account(String code) {
        return accounts.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    /** Whether every code the journals use exists and is active. */
    public boolean covers(Collection<Journal> journals) {
        return problems(journals).isEmpty();
    }

    /**
     * Fails with one error listing every account and tax code the journals use that the ledger lacks
     * (or has archived), and what the ledger offers instead.
     *
     * @param journals the journals about to be posted
     * @throws InvalidRequestException when something is not mapped
     */
    public void requireMapped(Collection<Journal> journals) {
        List<ValidationError> problems = problems(journals);
        if (problems.isEmpty()) {
            return;
        }
        String available = accounts.stream().filter(Account::active)
                .map(a -> a.code() + " (" + a.name() + ")").collect(Collectors.joining(", "));
        String taxes = taxRates.stream().filter(TaxRate::active)
                .map(t -> t.code() + " (" + t.name() + ")").collect(Collectors.joining(", "));
        throw new InvalidRequestException("Nothing was posted to " + platform.displayName() + ": "
                + problems.size() + " account or tax mapping problem(s): "
                + problems.stream().map(ValidationError::message).collect(Collectors.joining("; "))
                + ". Map these codes to accounts and tax rates that exist in " + platform.displayName()
                + ", or create them there. Active accounts: " + (available.isEmpty() ? "none" : available)
                + ". Active tax rates: " + (taxes.isEmpty() ? "none" : taxes) + ".",
                ErrorContext.builder().platform(platform).platformErrorCode("unmapped").validationErrors(problems)
                        .build());
    }

    private List<ValidationError> problems(Collection<Journal> journals) {
        Map<String, Set<String>> missingAccounts = new LinkedHashMap<>();
        Map<String, Set<String>> inactiveAccounts = new LinkedHashMap<>();
        Map<String, Set<String>> missingTax = new LinkedHashMap<>();
        for (Journal journal : journals) {
            for (JournalLine line : journal.lines()) {
                Optional<Account> account = account(line.accountCode());
                if (account.isEmpty()) {
                    missingAccounts.computeIfAbsent(line.accountCode(), k -> new LinkedHashSet<>()).add(journal.reference());
                } else if (!account.get().active()) {
                    inactiveAccounts.computeIfAbsent(line.accountCode(), k -> new LinkedHashSet<>()).add(journal.reference());
                }
                line.taxCode().ifPresent(code -> {
                    boolean known = taxRates.stream().anyMatch(t -> t.code().equals(code) && t.active());
                    if (!known) {
                        missingTax.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(journal.reference());
                    }
                });
            }
        }
        List<ValidationError> out = new ArrayList<>();
        missingAccounts.forEach((code, refs) -> out.add(new ValidationError("accountCode", "unmapped_account",
                "account '" + code + "' does not exist (used by " + String.join(", ", refs) + ")")));
        inactiveAccounts.forEach((code, refs) -> out.add(new ValidationError("accountCode", "inactive_account",
                "account '" + code + "' is archived or inactive (used by " + String.join(", ", refs) + ")")));
        missingTax.forEach((code, refs) -> out.add(new ValidationError("taxCode", "unmapped_tax_rate",
                "tax rate '" + code + "' does not exist or is inactive (used by " + String.join(", ", refs) + ")")));
        return out;
    }
}
