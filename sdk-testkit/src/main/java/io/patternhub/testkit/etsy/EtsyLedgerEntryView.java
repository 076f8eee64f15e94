package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a shop's payment-account ledger.
 *
 * @param entryId the entry id
 * @param sequence the ordering sequence (higher is later)
 * @param amount the amount credited (negative for debits)
 * @param balance the balance right after this entry, in the same currency
 * @param description {@code payment}, {@code refund}, {@code disbursement}...
 * @param ledgerType the sandbox's ledger type, e.g. {@code PAYMENT_GROSS}, {@code PAYMENT_PROCESSING_FEE},
 *     {@code PAYMENT_VAT} / {@code PAYMENT_SALES_TAX} (the tax Etsy remits, debited),
 *     {@code REFUND_GROSS}, {@code REFUND_PROCESSING_FEE}, {@code REFUND_VAT} / {@code REFUND_SALES_TAX}
 *     (the refunded share of that tax, credited back), {@code DISBURSE}, or a fee's type such as
 *     {@code listing} or {@code prolist}
 * @param referenceType what it refers to: {@code receipt}, {@code disbursement}, or a fee's reference
 * @param referenceId the referenced id, when any
 * @param createdAt when it was posted
 */
public record EtsyLedgerEntryView(long entryId, long sequence, Money amount, Money balance, String description,
        String ledgerType, String referenceType, Optional<String> referenceId, Instant createdAt) {
}
