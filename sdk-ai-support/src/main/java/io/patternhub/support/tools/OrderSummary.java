package io.patternhub.support.tools;

import io.patternhub.core.Platform;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the assistant may know about an order.
 *
 * @param platform where the order was placed
 * @param orderNumber the platform's order number as the buyer sees it
 * @param buyerEmail the buyer's email, when the platform shares it (Etsy often does not)
 * @param items the pattern titles (or SKUs) on the order
 * @param status the order's status in words, e.g. "paid" or "refunded"
 */
public record OrderSummary(Platform platform, String orderNumber, Optional<String> buyerEmail, List<String> items,
        String status) {
    public OrderSummary {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(orderNumber, "orderNumber");
        Objects.requireNonNull(buyerEmail, "buyerEmail");
        items = List.copyOf(items);
        Objects.requireNonNull(status, "status");
    }
}
