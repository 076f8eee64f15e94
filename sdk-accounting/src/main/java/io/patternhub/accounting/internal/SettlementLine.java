package io.patternhub.accounting.internal;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import java.util.List;
import java.util.Set;

/**
 * The line of a journal that moves money through a bank (or clearing) account: the deposit of a
 * payout, or the payment of a refund. Documents such as a Xero invoice with its payment, a bank
 * transaction, or a QuickBooks deposit or sales receipt are built around it; every other line of the
 * journal becomes a line of the document.
 *
 * @param line   the settlement line
 * @param others the remaining lines, in order
 */
public record SettlementLine(JournalLine line, List<JournalLine> others) {

    /**
     * Finds the one line on a bank account (or on one of {@code extraAccounts}).
     *
     * @param journal       the journal
     * @param mapping       the ledger's chart, to know which accounts are banks
     * @param extraAccounts more account codes to treat as settlement accounts (e.g. clearing)
     * @param documentName  the ledger document, for the error message
     * @return the split journal
     * @throws InvalidRequestException when there is not exactly one such line
     */
    public static SettlementLine of(Journal journal, LedgerMapping mapping, Set<String> extraAccounts,
            String documentName) {
        List<JournalLine> candidates = journal.lines().stream()
                .filter(l -> extraAccounts.contains(l.accountCode()) || mapping.account(l.accountCode())
                        .map(a -> a.type() == AccountType.BANK).orElse(false))
                .toList();
        if (candidates.size() != 1) {
            throw new InvalidRequestException("Journal " + journal.reference() + " cannot be posted to "
                    + mapping.platform().displayName() + " as a " + documentName + ": it needs exactly one line on a"
                    + " bank or settlement account, and has " + candidates.size() + ". Post it as a journal instead,"
                    + " or name the settlement account in the ledger's builder.",
                    ErrorContext.builder().platform(mapping.platform()).build());
        }
        JournalLine settlement = candidates.get(0);
        List<JournalLine> others = journal.lines().stream().filter(l -> l != settlement).toList();
        return new SettlementLine(settlement, others);
    }

    /** Whether money came in (the settlement line is a debit). */
    public boolean inflow() {
        return line.isDebit();
    }
}
