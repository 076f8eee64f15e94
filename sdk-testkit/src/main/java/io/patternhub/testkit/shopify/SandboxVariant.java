package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product variant as the Shopify sandbox holds it.
 *
 * @param id the variant GID, e.g. {@code gid://shopify/ProductVariant/1}
 * @param sku the SKU, may be empty
 * @param price the price in the shop currency
 * @param title the variant title (its option values joined, {@code Default Title} for one variant)
 */
public record SandboxVariant(String id, String sku, BigDecimal price, String title) {
    public SandboxVariant {
        Objects.requireNonNull(id, "id");
        sku = Objects.requireNonNullElse(sku, "");
        price = Objects.requireNonNullElse(price, BigDecimal.ZERO);
        title = Objects.requireNonNullElse(title, "Default Title");
    }
}
