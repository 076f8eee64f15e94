package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.util.Optional;

/**
 * One inventory product of a listing, with its single offering, as the sandbox holds it.
 *
 * @param productId the product id
 * @param sku the SKU, when set
 * @param price the offering's price
 * @param quantity the offering's quantity
 * @param enabled whether the offering is enabled
 */
public record EtsyProductView(long productId, Optional<String> sku, Money price, long quantity, boolean enabled) {
}
