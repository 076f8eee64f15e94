package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A tax line of an order or line item; Shopify's tax lines are collected by the seller.
 *
 * @param title the tax name, e.g. {@code VAT}
 * @param rate the rate as a fraction, e.g. {@code 0.2}
 * @param amount the tax amount in the order currency
 */
public record SandboxTaxLine(String title, BigDecimal rate, BigDecimal amount) {
    public SandboxTaxLine {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(amount, "amount");
    }
}
