package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as the hub stores it: amounts and lines for accounting, the buyer only as a
 * {@link #customerId()} reference (personal data lives in the customer record alone).
 *
 * @param id            the hub's order id
 * @param platform      where it was placed
 * @param externalId    the platform's order id
 * @param orderNumber   the number shown to buyer and seller
 * @param customerId    the hub's customer id, when the platform named a buyer
 * @param status        the latest status
 * @param subtotal      lines after line discounts
 * @param total         what the buyer paid
 * @param totalRefunded what was given back
 * @param createdAt     when placed
 * @param updatedAt     last modification the platform reported
 * @param lines         the lines
 */
public record OrderRecord(String id, Platform platform, String externalId, Optional<String> orderNumber,
                          Optional<String> customerId, OrderStatus status, Money subtotal, Money total,
                          Money totalRefunded, Instant createdAt, Optional<Instant> updatedAt,
                          List<OrderLineRecord> lines) {

    /** The distinct SKUs bought, in line order. */
    public List<String> skus() {
        return lines.stream().flatMap(l -> l.sku().stream()).distinct().toList();
    }
}
