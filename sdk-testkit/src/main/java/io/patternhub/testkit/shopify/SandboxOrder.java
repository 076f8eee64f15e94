package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as the Shopify sandbox holds it.
 *
 * @param id the order GID, e.g. {@code gid://shopify/Order/1001}
 * @param name the display name, e.g. {@code #1001}
 * @param email the buyer's email, when known
 * @param customerId the customer GID, when there is a customer
 * @param currency the ISO 4217 code of the shop (and presentment) currency
 * @param createdAt when it was placed
 * @param updatedAt when it last changed (refunds change it)
 * @param financialStatus the {@code OrderDisplayFinancialStatus}: {@code PAID}, {@code PARTIALLY_REFUNDED}, {@code REFUNDED}
 * @param lineItems the line items
 * @param totalDiscounts the total of all discounts
 * @param discountCodes the discount codes used
 * @param refunds the refunds
 * @param transactions the payment transactions, with fees
 */
public record SandboxOrder(String id, String name, Optional<String> email, Optional<String> customerId,
        String currency, Instant createdAt, Instant updatedAt, String financialStatus,
        List<SandboxLineItem> lineItems, BigDecimal totalDiscounts, List<String> discountCodes,
        List<SandboxRefund> refunds, List<SandboxTransaction> transactions) {
    public SandboxOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(financialStatus, "financialStatus");
        lineItems = List.copyOf(lineItems);
        Objects.requireNonNull(totalDiscounts, "totalDiscounts");
        discountCodes = List.copyOf(discountCodes);
        refunds = List.copyOf(refunds);
        transactions = List.copyOf(transactions);
    }

    /** Sum of line totals before discounts. */
    public BigDecimal subtotalBeforeDiscounts() {
        return lineItems.stream().map(SandboxLineItem::originalTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Sum of every line's taxes (the order's tax lines are these, merged by title and rate). */
    public BigDecimal totalTax() {
        return lineItems.stream().flatMap(l -> l.taxLines().stream()).map(SandboxTaxLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the buyer paid: subtotal minus discounts plus taxes (taxes are not included in prices). */
    public BigDecimal totalPrice() {
        return subtotalBeforeDiscounts().subtract(totalDiscounts).add(totalTax());
    }

    /** Sum of all refunds. */
    public BigDecimal totalRefunded() {
        return refunds.stream().map(SandboxRefund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
