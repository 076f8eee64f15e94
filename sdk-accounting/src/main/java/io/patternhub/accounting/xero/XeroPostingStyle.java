package io.patternhub.accounting.xero;

import io.patternhub.core.ledger.PostingMode;

/** Which Xero documents a journal becomes. */
public enum XeroPostingStyle {
    /** A posted manual journal ({@code PUT /ManualJournals}); any balanced journal, base currency only. */
    MANUAL_JOURNAL,
    /**
     * An invoice (a bill when money went out) for every line but the settlement line, paid by a payment
     * to the settlement bank account ({@code PUT /Invoices} then {@code PUT /Payments}): the A2X summary
     * invoice per payout, whose payment equals the deposit.
     */
    INVOICE_AND_PAYMENT,
    /** A receive (or spend) bank transaction on the settlement account ({@code PUT /BankTransactions}). */
    BANK_TRANSACTION;

    /**
     * The default style for a posting mode: a summary invoice and payment per payout, a bank transaction
     * per order.
     *
     * @param mode the posting mode
     * @return the style
     */
    public static XeroPostingStyle forMode(PostingMode mode) {
        return mode == PostingMode.PER_PAYOUT ? INVOICE_AND_PAYMENT : BANK_TRANSACTION;
    }
}
