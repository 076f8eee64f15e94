package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.internal.MappingKeys;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Currency;

/**
 * One signed amount to book: positive is a debit, negative a credit. The unit both posting modes
 * are built from, so they cannot disagree on what was sold, refunded or charged.
 *
 * @param channel   the storefront
 * @param orderId   the order's external id, or null for a payout-level amount
 * @param event     {@code "sale"}, {@code "refund:<id>"} or {@code "payout"}
 * @param at        when it happened
 * @param role      what it books
 * @param taxCode   the ledger tax code, or null
 * @param label     a short description, also what keeps distinct flows on one account apart
 * @param amount    the signed amount
 * @param taxAmount the tax within or on this amount (informational), or null
 */
public record Posting(Platform channel, String orderId, String event, Instant at, AccountRole role, String taxCode,
                      String label, Money amount, Money taxAmount) {

    public Currency currency() {
        return amount.currency();
    }

    /** The same posting with another amount (and tax amount). */
    public Posting withAmounts(Money newAmount, Money newTax) {
        return new Posting(channel, orderId, event, at, role, taxCode, label, newAmount, newTax);
    }
}
