package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One transaction (line) of a sandbox receipt.
 *
 * @param transactionId the transaction id
 * @param receiptId the receipt it belongs to
 * @param listingId the listing sold, when known
 * @param sku the SKU, when set
 * @param title the title
 * @param quantity how many
 * @param unitPrice the price of one
 */
public record EtsyTransactionView(long transactionId, long receiptId, OptionalLong listingId, Optional<String> sku,
        String title, int quantity, Money unitPrice) {
}
