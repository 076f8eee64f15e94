package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A line item of a sandbox order.
 *
 * @param id the line item GID
 * @param sku the SKU
 * @param title the product title at purchase time
 * @param quantity the quantity
 * @param unitPrice the original unit price
 * @param discount the total discount allocated to this line
 * @param taxLines the taxes on this line
 */
public record SandboxLineItem(String id, String sku, String title, int quantity, BigDecimal unitPrice,
        BigDecimal discount, List<SandboxTaxLine> taxLines) {
    public SandboxLineItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        taxLines = List.copyOf(taxLines);
    }

    /** Unit price times quantity, before discounts. */
    public BigDecimal originalTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
