package io.patternhub.accounting.quickbooks;

import io.patternhub.core.ledger.PostingMode;

/** Which QuickBooks Online transactions journals become. */
public enum QuickBooksPostingStyle {
    /** A {@code JournalEntry} with one Debit or Credit line per journal line; fits any balanced journal. */
    JOURNAL_ENTRY,
    /**
     * A {@code Deposit} into the settlement bank account whose total equals the payout (fees as negative
     * lines), so it matches the bank feed; journals whose settlement line is a withdrawal are posted as
     * journal entries.
     */
    DEPOSIT,
    /**
     * A {@code SalesReceipt} for money received, a {@code RefundReceipt} for money paid back, with one item
     * line per journal line (items mapped per account in the ledger's builder); journals without a
     * settlement line are posted as journal entries.
     */
    SALES_RECEIPT;

    /**
     * The default style for a posting mode: a deposit per payout, a sales or refund receipt per order.
     *
     * @param mode the posting mode
     * @return the style
     */
    public static QuickBooksPostingStyle forMode(PostingMode mode) {
        return mode == PostingMode.PER_PAYOUT ? DEPOSIT : SALES_RECEIPT;
    }
}
