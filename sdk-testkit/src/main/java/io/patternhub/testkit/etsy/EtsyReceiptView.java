package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one receipt (order) in the sandbox. Immutable.
 *
 * @param receiptId the receipt id
 * @param shopId the shop
 * @param status Etsy's status: {@code paid}, {@code open}, {@code canceled}, {@code partially refunded},
 *     {@code fully refunded}...
 * @param buyerEmail the buyer's e-mail; empty when Etsy reports {@code null}
 * @param currency the ISO 4217 code of every amount
 * @param subtotal {@code sum(price * quantity)}
 * @param discount {@code discount_amt}
 * @param salesTax {@code total_tax_cost}
 * @param vat {@code total_vat_cost}
 * @param shipping {@code total_shipping_cost}
 * @param grandTotal {@code grandtotal}
 * @param transactions the lines
 * @param refunds the refunds, oldest first
 * @param paymentId the payment of this receipt, when paid
 * @param createdAt {@code created_timestamp}
 * @param lastModifiedAt {@code updated_timestamp}, which the {@code min_last_modified} filter uses
 */
public record EtsyReceiptView(long receiptId, long shopId, String status, Optional<String> buyerEmail,
        String currency, Money subtotal, Money discount, Money salesTax, Money vat, Money shipping, Money grandTotal,
        List<EtsyTransactionView> transactions, List<EtsyRefundView> refunds, Optional<Long> paymentId,
        Instant createdAt, Instant lastModifiedAt) {
    public EtsyReceiptView {
        transactions = List.copyOf(transactions);
        refunds = List.copyOf(refunds);
    }
}
