package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A Shopify Payments balance transaction: one charge or refund, its fee, and the payout it went into.
 *
 * @param id the balance transaction GID
 * @param type {@code CHARGE} or {@code REFUND}
 * @param payoutId the payout GID
 * @param orderId the order GID
 * @param sourceOrderTransactionId the numeric id of the order transaction
 * @param currency the ISO 4217 code
 * @param amount the gross amount (negative for refunds)
 * @param fee the fee withheld
 * @param net amount minus fee
 * @param transactionDate when it happened
 */
public record SandboxBalanceTransaction(String id, String type, String payoutId, String orderId,
        long sourceOrderTransactionId, String currency, BigDecimal amount, BigDecimal fee, BigDecimal net,
        Instant transactionDate) {
    public SandboxBalanceTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(transactionDate, "transactionDate");
    }
}
