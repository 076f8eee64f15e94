package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.util.Optional;

/**
 * The payment of a sandbox receipt.
 *
 * @param paymentId the payment id
 * @param receiptId the receipt
 * @param gross {@code amount_gross}
 * @param fees {@code amount_fees}
 * @param net {@code amount_net}
 * @param adjustedGross {@code adjusted_gross}, once refunded
 * @param adjustedFees {@code adjusted_fees}, once refunded
 * @param adjustedNet {@code adjusted_net}, once refunded
 */
public record EtsyPaymentView(long paymentId, long receiptId, Money gross, Money fees, Money net,
        Optional<Money> adjustedGross, Optional<Money> adjustedFees, Optional<Money> adjustedNet) {
}
